using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Groups;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Groups;

public sealed class ApiDeleteWhileGroupedTests : AdminTestContext
{
    [Fact]
    public async Task Delete_ApiInGroup_RefusedNamingTheGroup()
    {
        // Arrange
        var backend = await CreateBackendAsync("be");
        var api = await CreateApiAsync("orders", backend.Id, "/orders");
        var group = await this.CreateGroupAsync("payments");
        await Services.GetRequiredService<ApiGroupService>().AddApisAsync(group.Id, [api.Id], SeedActor, Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        cut.WaitForElement("[data-testid=api-delete]");
        _ = cut.Find("[data-testid=api-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("payments", cut.Find("[data-testid=delete-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Services.GetRequiredService<ApiService>().FindAsync(api.Id, Ct));
    }
}
