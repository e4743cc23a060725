using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiDetailsTests : AdminTestContext
{
    [Fact]
    public async Task Render_Api_ShowsFieldsAndStatusChip()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("users", backend.Id, "/users/{id}", ApiStatus.Inactive, "people");

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("users", cut.Find("[data-testid=api-name]").TextContent));
        Assert.Equal("/users/{id}", cut.Find("[data-testid=api-path]").TextContent);
        Assert.Equal("orders", cut.Find("[data-testid=api-backend]").TextContent.Trim());
        Assert.Equal("All", cut.Find("[data-testid=api-methods]").TextContent);
        Assert.Equal("Inactive", cut.Find("[data-testid=api-status]").GetAttribute("data-status"));
        Assert.Contains("Template", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesApi()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        cut.WaitForElement("[data-testid=api-delete]");
        _ = cut.Find("[data-testid=api-delete]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Confirm delete?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/apis", CurrentPath));
        Assert.Null(await Services.GetRequiredService<ApiService>().FindAsync(api.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_EditAndDeleteDisabled()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        SignInAsOperator();

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=api-delete]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=api-edit]").HasAttribute("disabled"));
    }
}
