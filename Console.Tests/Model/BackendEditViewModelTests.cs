using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Model;

public sealed class BackendEditViewModelTests : AdminTestContext
{
    private static readonly Actor Admin = new("admin", "console");

    private BackendEditViewModel CreateViewModel() => Services.GetRequiredService<BackendEditViewModel>();

    [Fact]
    public async Task LoadAsync_New_StartsWithDefaults()
    {
        // Arrange
        var viewModel = CreateViewModel();

        // Act
        await viewModel.LoadAsync(null, Ct);

        // Assert
        Assert.True(viewModel.IsNew);
        Assert.Equal((BackendProtocol.Http, 5, 60000, 60000, 60000), (viewModel.Form.Protocol, viewModel.Form.Retries, viewModel.Form.ConnectTimeoutMs, viewModel.Form.ReadTimeoutMs, viewModel.Form.WriteTimeoutMs));
    }

    [Fact]
    public async Task SaveAsync_Valid_CreatesAndKeepsId()
    {
        // Arrange
        var viewModel = CreateViewModel();
        await viewModel.LoadAsync(null, Ct);
        viewModel.Form.Name = "orders";
        viewModel.Form.Host = "orders.internal";
        viewModel.Form.Protocol = BackendProtocol.Https;
        viewModel.Form.Port = 443;

        // Act
        var saved = await viewModel.SaveAsync(Admin, Ct);

        // Assert
        Assert.NotNull(saved);
        Assert.Equal(saved.Id, viewModel.Id);
        Assert.Equal(0, viewModel.Errors.Count);
        Assert.Equal(BackendProtocol.Https, (await Services.GetRequiredService<BackendService>().FindAsync(saved.Id, Ct))!.Protocol);
    }

    [Fact]
    public async Task SaveAsync_Invalid_KeepsFieldErrorsAndReturnsNull()
    {
        // Arrange
        var viewModel = CreateViewModel();
        await viewModel.LoadAsync(null, Ct);
        viewModel.Form.Host = "bad host name";
        viewModel.Form.Port = 0;
        viewModel.Form.BasePath = "no-slash";

        // Act
        var saved = await viewModel.SaveAsync(Admin, Ct);

        // Assert
        Assert.Null(saved);
        Assert.True(viewModel.IsNew);
        Assert.Equal(["basePath", "host", "name", "port"], viewModel.Errors.Fields.Order());
        Assert.Empty(viewModel.OtherErrors);
    }

    [Fact]
    public async Task SaveAsync_StaleStamp_SetsConflictAlert()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var viewModel = CreateViewModel();
        await viewModel.LoadAsync(backend.Id, Ct);
        await Services.GetRequiredService<BackendService>().UpdateAsync(backend.Id, BackendInput.From(backend) with { Port = 1234 }, SeedActor, Ct);

        // Act
        var saved = await viewModel.SaveAsync(Admin, Ct);

        // Assert
        Assert.Null(saved);
        Assert.Contains("changed by someone else", viewModel.Alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownId_SetsNotFound()
    {
        // Arrange
        var viewModel = CreateViewModel();

        // Act
        await viewModel.LoadAsync(77, Ct);

        // Assert
        Assert.True(viewModel.NotFound);
    }
}
