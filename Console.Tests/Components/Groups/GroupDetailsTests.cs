using ApiManager.Admin.Components.Pages.Groups;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Groups;

public sealed class GroupDetailsTests : AdminTestContext
{
    [Fact]
    public async Task Delete_HeldByClient_SecondConfirmationRemovesMembershipsAndDeletes()
    {
        // Arrange
        var group = await this.CreateGroupAsync("payments");
        await this.InsertClientAsync("partner-1", 4, groupIds: [group.Id]);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, group.Id));
        cut.WaitForElement("[data-testid=group-delete]");
        _ = cut.Find("[data-testid=group-delete]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Confirm delete?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        _ = ClickDialogButtonAsync(dialogs, "Delete");
        dialogs.WaitForAssertion(() => Assert.Contains("Also remove 1 membership(s)?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Contains("partner-1", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);

        // Act
        await ClickDialogButtonAsync(dialogs, "Remove and delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/groups", CurrentPath));
        Assert.Null(await Services.GetRequiredService<ApiGroupService>().FindAsync(group.Id, Ct));
        Assert.Equal(0, await CountAsync<ClientGroup>());
    }

    [Fact]
    public async Task Delete_HeldByClientSecondConfirmationCancelled_KeepsGroupAndShowsWhy()
    {
        // Arrange
        var group = await this.CreateGroupAsync("payments");
        await this.InsertClientAsync("partner-1", 4, groupIds: [group.Id]);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, group.Id));
        cut.WaitForElement("[data-testid=group-delete]");
        _ = cut.Find("[data-testid=group-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");
        _ = ClickDialogButtonAsync(dialogs, "Delete");
        dialogs.WaitForAssertion(() => Assert.Contains("Also remove", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Cancel");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("partner-1", cut.Find("[data-testid=delete-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Services.GetRequiredService<ApiGroupService>().FindAsync(group.Id, Ct));
        Assert.Equal(1, await CountAsync<ClientGroup>());
    }

    [Fact]
    public async Task Delete_NotHeld_DeletesAfterFirstConfirmation()
    {
        // Arrange
        var group = await this.CreateGroupAsync("payments");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, group.Id));
        cut.WaitForElement("[data-testid=group-delete]");
        _ = cut.Find("[data-testid=group-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/groups", CurrentPath));
        Assert.Null(await Services.GetRequiredService<ApiGroupService>().FindAsync(group.Id, Ct));
    }

    [Fact]
    public async Task Picker_SearchPickAndAdd_PutsApiInGroupThenRemoves()
    {
        // Arrange
        var group = await this.CreateGroupAsync("payments");
        var backend = await CreateBackendAsync("be");
        var orders = await CreateApiAsync("orders", backend.Id, "/orders");
        var stock = await CreateApiAsync("stock", backend.Id, "/stock");
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, group.Id));
        cut.WaitForElement("[data-testid=group-add-apis]");
        await cut.Find("[data-testid=group-add-apis]").ClickAsync(new());
        cut.Find("[data-testid=api-picker-search]").Input("ord");
        Time.Advance(TimeSpan.FromMilliseconds(301));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=api-pick-{stock.Id}]")));
        Assert.NotEmpty(cut.FindAll($"[data-testid=api-pick-{orders.Id}]"));

        // Act
        cut.Find($"[data-testid=api-pick-{orders.Id}]").Change(true);
        await cut.Find("[data-testid=api-picker-add]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("orders v1", cut.Find("[data-testid=group-apis]").TextContent, StringComparison.Ordinal));
        Assert.Equal([orders.Id], (await Services.GetRequiredService<ApiGroupService>().FindAsync(group.Id, Ct))!.Apis.Select(a => a.ApiDefinitionId));
        await cut.Find($"[data-testid=api-remove-{orders.Id}]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("None.", cut.Find("[data-testid=group-apis]").TextContent.Trim()));
    }

    [Fact]
    public async Task Render_AsOperator_WriteControlsDisabled()
    {
        // Arrange
        var group = await this.CreateGroupAsync("payments");
        SignInAsOperator();

        // Act
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, group.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=group-delete]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=group-edit]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=group-add-apis]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_UnknownId_ShowsNotFound()
    {
        // Act
        var cut = Render<GroupDetails>(p => p.Add(x => x.Id, 999));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("API group 999", cut.Markup, StringComparison.Ordinal));
    }

    private async Task<int> CountAsync<T>()
        where T : class
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<T>().CountAsync(Ct);
    }
}
