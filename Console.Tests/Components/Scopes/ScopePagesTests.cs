using ApiManager.Admin.Components.Pages.Scopes;
using ApiManager.Admin.Tests.Components.Groups;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Scopes;

public sealed class ScopePagesTests : AdminTestContext
{
    [Fact]
    public async Task Edit_NameWithSpace_ShowsErrorNextToName()
    {
        // Arrange
        var cut = Render<ScopeEdit>();
        cut.WaitForElement("[data-testid=scope-name]");

        // Act
        cut.Find("[data-testid=scope-name]").Change("read orders");
        await cut.Find("[data-testid=scope-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("no spaces", FieldErrorOf(cut, "scope-name"), StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<ApiScopeService>().ListAsync(new PageRequest(), Ct)).Items);
    }

    [Fact]
    public async Task Edit_Valid_CreatesAndOpensDetails()
    {
        // Arrange
        var cut = Render<ScopeEdit>();
        cut.WaitForElement("[data-testid=scope-name]");

        // Act
        cut.Find("[data-testid=scope-name]").Change("orders:read");
        await cut.Find("[data-testid=scope-save]").ClickAsync(new());

        // Assert
        var saved = Assert.Single((await Services.GetRequiredService<ApiScopeService>().ListAsync(new PageRequest(), Ct)).Items);
        Assert.Equal("orders:read", saved.Name);
        Assert.Equal($"/scopes/{saved.Id}", CurrentPath);
    }

    [Fact]
    public async Task Details_PickGroup_AddsItToScope()
    {
        // Arrange
        var scope = await Services.GetRequiredService<ApiScopeService>().CreateAsync(new ApiScopeInput { Name = "s1" }, SeedActor, Ct);
        var group = await this.CreateGroupAsync("payments");
        var cut = Render<ScopeDetails>(p => p.Add(x => x.Id, scope.Id));
        cut.WaitForElement("[data-testid=scope-add-groups]");
        await cut.Find("[data-testid=scope-add-groups]").ClickAsync(new());

        // Act
        cut.Find($"[data-testid=group-pick-{group.Id}]").Change(true);
        await cut.Find("[data-testid=group-picker-add]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("payments", cut.Find("[data-testid=scope-groups]").TextContent, StringComparison.Ordinal));
        Assert.Equal([group.Id], (await Services.GetRequiredService<ApiScopeService>().FindAsync(scope.Id, Ct))!.Groups.Select(g => g.ApiGroupId));
    }

    [Fact]
    public async Task Details_PickGroupAboveLevelOfHoldingClient_ShowsWhyAndAddsNothing()
    {
        // Arrange
        var scope = await Services.GetRequiredService<ApiScopeService>().CreateAsync(new ApiScopeInput { Name = "s1" }, SeedActor, Ct);
        var group = await this.CreateGroupAsync("treasury", levelId: 1);
        await this.InsertClientAsync("app-c", 3, scopeIds: [scope.Id]);
        var cut = Render<ScopeDetails>(p => p.Add(x => x.Id, scope.Id));
        cut.WaitForElement("[data-testid=scope-add-groups]");
        await cut.Find("[data-testid=scope-add-groups]").ClickAsync(new());

        // Act
        cut.Find($"[data-testid=group-pick-{group.Id}]").Change(true);
        await cut.Find("[data-testid=group-picker-add]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("holding this scope: app-c", cut.Find("[data-testid=delete-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<ApiScopeService>().FindAsync(scope.Id, Ct))!.Groups);
    }

    [Fact]
    public async Task Details_DeleteHeldByClient_SecondConfirmationDeletes()
    {
        // Arrange
        var scope = await Services.GetRequiredService<ApiScopeService>().CreateAsync(new ApiScopeInput { Name = "s1" }, SeedActor, Ct);
        await this.InsertClientAsync("app-1", 4, scopeIds: [scope.Id]);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ScopeDetails>(p => p.Add(x => x.Id, scope.Id));
        cut.WaitForElement("[data-testid=scope-delete]");
        _ = cut.Find("[data-testid=scope-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");
        _ = ClickDialogButtonAsync(dialogs, "Delete");
        dialogs.WaitForAssertion(() => Assert.Contains("Also remove 1 membership(s)?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Remove and delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/scopes", CurrentPath));
        Assert.Null(await Services.GetRequiredService<ApiScopeService>().FindAsync(scope.Id, Ct));
    }

    [Fact]
    public async Task List_Search_FiltersRows()
    {
        // Arrange
        var scopes = Services.GetRequiredService<ApiScopeService>();
        await scopes.CreateAsync(new ApiScopeInput { Name = "orders:read" }, SeedActor, Ct);
        await scopes.CreateAsync(new ApiScopeInput { Name = "stock:write" }, SeedActor, Ct);
        var cut = Render<ScopeList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=scope-row-name]").Count));

        // Act
        cut.Find("[data-testid=list-search]").Input("stock");
        Time.Advance(TimeSpan.FromMilliseconds(301));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["stock:write"], cut.FindAll("[data-testid=scope-row-name]").Select(e => e.TextContent)));
    }
}
