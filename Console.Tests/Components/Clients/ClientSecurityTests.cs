using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Clients;

public sealed class ClientSecurityTests : AdminTestContext
{
    private const int LevelA = 1;
    private const int LevelB = 2;
    private const int LevelC = 3;
    private const int LevelD = 4;

    [Fact]
    public async Task GroupsTab_CClient_PickerHidesAAndBGroups()
    {
        // Arrange
        var client = await CreateClientAsync("c-client", LevelC);
        await AddGroupAsync("secret-alpha", LevelA);
        await AddGroupAsync("secret-bravo", LevelB);
        await AddGroupAsync("visible-charlie", LevelC);
        await AddGroupAsync("visible-delta", LevelD);

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "API Groups");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["visible-charlie", "visible-delta"], cut.FindAll("[data-testid=assignable-group] td:first-child").Select(td => td.TextContent.Trim())));
        Assert.DoesNotContain("secret-", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsTab_AddThenRemove_UpdatesMembership()
    {
        // Arrange
        var client = await CreateClientAsync("c-client", LevelC);
        var groupId = await AddGroupAsync("group-d", LevelD);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "API Groups");

        // Act
        await cut.WaitForElement($"[data-testid=group-add-{groupId}]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=held-group]")));
        var afterAdd = await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct);
        await cut.Find($"[data-testid=group-remove-{groupId}]").ClickAsync(new());

        // Assert
        Assert.Equal(["group-d"], afterAdd!.Groups.Select(g => g.ApiGroup!.Name));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=held-group]")));
        Assert.Empty((await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct))!.Groups);
    }

    [Fact]
    public async Task GroupsTab_Search_FiltersPicker()
    {
        // Arrange
        var client = await CreateClientAsync("c-client", LevelD);
        await AddGroupAsync("orders", LevelD);
        await AddGroupAsync("billing", LevelD);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "API Groups");

        // Act
        cut.WaitForElement("[data-testid=group-search]").Input("bill");
        Time.Advance(TimeSpan.FromMilliseconds(SearchBox.DebounceMilliseconds + 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["billing"], cut.FindAll("[data-testid=assignable-group] td:first-child").Select(td => td.TextContent.Trim())));
    }

    [Fact]
    public async Task LevelTab_ChangeBreakingHeldGroup_ShowsErrorListingGroup()
    {
        // Arrange
        var client = await CreateClientAsync("b-client", LevelB);
        var groupId = await AddGroupAsync("group-b", LevelB);
        await Services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [groupId], SeedActor, Ct);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        cut.WaitForElement("[data-testid=level-select]");

        // Act
        var viewModel = cut.Instance.ViewModel;
        viewModel.SelectedLevelId = LevelD;
        await cut.Find("[data-testid=level-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("group-b (level B)", cut.Find("[data-testid=security-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("B", (await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct))!.SecurityLevel!.Code);
    }

    [Fact]
    public async Task ScopesTab_ScopeWithHiddenGroup_NotOffered()
    {
        // Arrange
        var client = await CreateClientAsync("c-client", LevelC);
        var hidden = await AddGroupAsync("group-a", LevelA);
        var open = await AddGroupAsync("group-d", LevelD);
        await AddScopeAsync("mixed-scope", hidden, open);
        await AddScopeAsync("open-scope", open);

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "API Scopes");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["open-scope"], cut.FindAll("[data-testid=assignable-scope] td:first-child").Select(td => td.TextContent.Trim())));
    }

    [Fact]
    public async Task StatusTab_Unlock_EnablesLockedClient()
    {
        // Arrange
        var client = await CreateClientAsync("locked", LevelD);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.ApiClients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientStatus.Locked).SetProperty(c => c.FailedAttempts, 3), Ct);
        }

        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Status");

        // Act
        await cut.WaitForElement("[data-testid=client-unlock]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=failed-attempts]").TextContent.Trim()));
        Assert.Equal(ClientStatus.Enabled, (await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct))!.Status);
    }

    [Fact]
    public async Task PasswordTab_MismatchAndResetWithoutEmail_ShowErrors()
    {
        // Arrange
        var client = await CreateClientAsync("pw-client", LevelD);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Password");

        // Act
        cut.WaitForElement("[data-testid=new-password]").Change("abc");
        cut.Find("[data-testid=confirm-password]").Change("abd");
        await cut.Find("[data-testid=password-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("The passwords do not match.", FieldErrorOf(cut, "confirm-password")));
        await cut.Find("[data-testid=password-reset]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("no email address", cut.Find("[data-testid=security-error]").TextContent, StringComparison.Ordinal));
        var stored = await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct);
        Assert.True(Services.GetRequiredService<ClientPasswordHasher>().Verify(stored!.PasswordHash, "pw"));
    }

    [Fact]
    public async Task Render_Operator_WriteControlsDisabled()
    {
        // Arrange
        var client = await CreateClientAsync("op-view", LevelD);
        var groupId = await AddGroupAsync("group-d", LevelD);
        SignInAsOperator();

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        cut.WaitForElement("[data-testid=level-save]");
        var levelSaveDisabled = cut.Find("[data-testid=level-save]").HasAttribute("disabled");
        await OpenTabAsync(cut, "API Groups");

        // Assert
        Assert.True(levelSaveDisabled);
        cut.WaitForAssertion(() => Assert.True(cut.Find($"[data-testid=group-add-{groupId}]").HasAttribute("disabled")));
        Assert.NotEmpty(cut.FindAll("[data-testid=read-only-note]"));
    }

    private static async Task OpenTabAsync(IRenderedComponent<ClientSecurity> cut, string title)
    {
        cut.WaitForElement(".mud-tab");
        var header = cut.FindAll(".mud-tab").FirstOrDefault(t => t.TextContent.Trim() == title) ?? throw new InvalidOperationException($"No tab '{title}'.");
        await header.ClickAsync(new());
    }

    private Task<ApiClient> CreateClientAsync(string clientId, int levelId) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n", SecurityLevelId = levelId },
            SeedActor, Ct);

    private async Task<int> AddGroupAsync(string name, int levelId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var group = new ApiGroup { Name = name, SecurityLevelId = levelId };
        db.ApiGroups.Add(group);
        await db.SaveChangesAsync(Ct);
        return group.Id;
    }

    private async Task AddScopeAsync(string name, params int[] groupIds)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var scope = new ApiScope { Name = name };
        scope.Groups.AddRange(groupIds.Select(g => new ApiScopeGroup { ApiGroupId = g }));
        db.ApiScopes.Add(scope);
        await db.SaveChangesAsync(Ct);
    }
}
