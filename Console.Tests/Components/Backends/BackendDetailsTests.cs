using ApiManager.Admin.Components.Pages.Backends;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Backends;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Backends;

public sealed class BackendDetailsTests : AdminTestContext
{
    [Fact]
    public async Task Render_Backend_ShowsFieldsAndDependentApis()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders", "orders.internal", 8081);
        await CreateApiAsync("shop", backend.Id, "/shop");

        // Act
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("orders", cut.Find("[data-testid=backend-name]").TextContent));
        Assert.Equal("http://orders.internal:8081", cut.Find("[data-testid=backend-url]").TextContent);
        Assert.Contains("shop v1", cut.Find("[data-testid=backend-dependents]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Clicked_AsksConfirmDelete()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForElement("[data-testid=backend-delete]");

        // Act
        _ = cut.Find("[data-testid=backend-delete]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Contains("Confirm delete?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Services.GetRequiredService<BackendService>().FindAsync(backend.Id, Ct));
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesAndReturnsToList()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForElement("[data-testid=backend-delete]");
        _ = cut.Find("[data-testid=backend-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/backends", CurrentPath));
        Assert.Null(await Services.GetRequiredService<BackendService>().FindAsync(backend.Id, Ct));
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsBackend()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForElement("[data-testid=backend-delete]");
        _ = cut.Find("[data-testid=backend-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Cancel");

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(await Services.GetRequiredService<BackendService>().FindAsync(backend.Id, Ct));
    }

    [Fact]
    public async Task Delete_UsedByApi_RefusedWithServiceMessage()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForElement("[data-testid=backend-delete]");
        _ = cut.Find("[data-testid=backend-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Backend 'orders' is used by 1 API(s): shop v1", cut.Find("[data-testid=delete-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Services.GetRequiredService<BackendService>().FindAsync(backend.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_EditAndDeleteDisabled()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        SignInAsOperator();

        // Act
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=backend-delete]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=backend-edit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_UnknownId_ShowsNotFound()
    {
        // Act
        var cut = Render<BackendDetails>(p => p.Add(x => x.Id, 4242));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Backend 4242 was not found", cut.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }
}
