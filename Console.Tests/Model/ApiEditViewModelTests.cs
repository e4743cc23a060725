using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Model;

public sealed class ApiEditViewModelTests : AdminTestContext
{
    private static readonly Actor Admin = new("admin", "console");

    private ApiEditViewModel CreateViewModel() => Services.GetRequiredService<ApiEditViewModel>();

    [Fact]
    public async Task LoadAsync_NewWithOneBackend_PreselectsIt()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var viewModel = CreateViewModel();

        // Act
        await viewModel.LoadAsync(null, Ct);

        // Assert
        Assert.Equal(backend.Id, viewModel.Form.BackendId);
        Assert.Single(viewModel.Backends);
    }

    [Fact]
    public async Task LoadAsync_NewWithTwoBackends_SelectsNone()
    {
        // Arrange
        await CreateBackendAsync("orders");
        await CreateBackendAsync("billing");
        var viewModel = CreateViewModel();

        // Act
        await viewModel.LoadAsync(null, Ct);

        // Assert
        Assert.Equal(0, viewModel.Form.BackendId);
    }

    [Fact]
    public async Task SaveAsync_TagsAndMethods_SavedNormalized()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var viewModel = CreateViewModel();
        await viewModel.LoadAsync(null, Ct);
        viewModel.Form.Name = "shop";
        viewModel.Form.DisplayName = "Shop";
        viewModel.Form.Path = "/shop";
        viewModel.Form.TagsText = " retail , , orders ";
        viewModel.Form.Methods = ["get", "POST"];
        viewModel.Form.Status = ApiStatus.Deprecated;
        viewModel.Form.IsPublic = true;

        // Act
        var saved = await viewModel.SaveAsync(Admin, Ct);

        // Assert
        Assert.NotNull(saved);
        var api = await Services.GetRequiredService<ApiService>().FindAsync(saved.Id, Ct);
        Assert.Equal(["retail", "orders"], api!.Tags);
        Assert.Equal(["GET", "POST"], api.Methods);
        Assert.Equal((ApiStatus.Deprecated, true, backend.Id), (api.Status, api.IsPublic, api.BackendId));
    }

    [Fact]
    public async Task SaveAsync_UnknownMethod_ReportsMethodsError()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var viewModel = CreateViewModel();
        await viewModel.LoadAsync(null, Ct);
        viewModel.Form.Name = "shop";
        viewModel.Form.DisplayName = "Shop";
        viewModel.Form.Path = "/shop";
        viewModel.Form.Methods = ["BREW"];

        // Act
        var saved = await viewModel.SaveAsync(Admin, Ct);

        // Assert
        Assert.Null(saved);
        Assert.StartsWith("'BREW' is not a supported method", viewModel.Errors.Text("methods"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Existing_FillsFormFromApi()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop", ApiStatus.Inactive, "a", "b");
        var viewModel = CreateViewModel();

        // Act
        await viewModel.LoadAsync(api.Id, Ct);

        // Assert
        Assert.False(viewModel.IsNew);
        Assert.Equal(("shop", "/shop", "a, b", ApiStatus.Inactive), (viewModel.Form.Name, viewModel.Form.Path, viewModel.Form.TagsText, viewModel.Form.Status));
        Assert.Equal(api.ConcurrencyStamp, viewModel.Form.ConcurrencyStamp);
    }

    [Fact]
    public void SplitTags_CommaList_TrimsAndDropsEmpty()
    {
        // Act
        var tags = ApiForm.SplitTags(" a, b ,,c ");

        // Assert
        Assert.Equal(["a", "b", "c"], tags);
    }
}
