using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Components.Pages.Clients.Security;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Clients;

/// <summary>bUnit: the X-Api-Key tab of the client security page (the fake clock says 2026-11-22 12:00 UTC).</summary>
public sealed class XApiKeysTabTests : AdminTestContext
{
    private const int LevelD = 4;

    [Fact]
    public async Task Create_FilledForm_ShowsKeyOnceWithMailResultAndListsMask()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync("partner@example.com");
        var cut = await OpenTabAsync(client.Id);
        var tab = cut.FindComponent<XApiKeysTab>();

        // Act
        cut.Find("[data-testid=xak-alias-input]").Change("mobile app");
        tab.Instance.ViewModel.EffectiveDate = new DateTime(2026, 12, 1);
        tab.Instance.ViewModel.ExpiryDate = new DateTime(2027, 6, 30);
        await cut.Find($"[data-testid=xak-group-{groupId}]").ChangeAsync(new() { Value = true });
        await cut.Find("[data-testid=xak-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=xak-created]")));
        var key = cut.Find("[data-testid=xak-value]").TextContent;
        Assert.Equal(43, key.Length);
        Assert.Equal("Mailed to: partner@example.com.", cut.Find("[data-testid=xak-mail-result]").TextContent.Trim());
        Assert.Equal(Gateway.Credentials.CredentialSecrets.Mask(key), cut.Find("[data-testid=xak-mask]").TextContent);
        Assert.Equal("Not yet effective", cut.Find("[data-testid=xak-status]").TextContent.Trim());
        var row = cut.Find("[data-testid=xak-row]").TextContent;
        Assert.Contains("2026-12-01 00:00", row, StringComparison.Ordinal);
        Assert.Contains("2027-06-30 23:59", row, StringComparison.Ordinal);
        Assert.Contains("group-d", row, StringComparison.Ordinal);
        var stored = Assert.Single(await Services.GetRequiredService<XApiKeyService>().ListAsync(client.Id, Ct));
        Assert.Equal("mobile app", stored.Alias);

        // Act: dismissing forgets the key for good.
        await cut.Find("[data-testid=xak-dismiss]").ClickAsync(new());

        // Assert
        Assert.DoesNotContain(key, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ClientWithoutEmail_SaysNoMailWasSent()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync(null);
        var cut = await OpenTabAsync(client.Id);
        var viewModel = cut.FindComponent<XApiKeysTab>().Instance.ViewModel;
        viewModel.Alias = "server";
        viewModel.ExpiryDate = new DateTime(2027, 1, 1);
        viewModel.ToggleGroup(groupId, true);

        // Act
        await cut.Find("[data-testid=xak-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("has no email address: no mail was sent", cut.Find("[data-testid=xak-mail-result]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_EmptyForm_ShowsFieldErrorsAndCreatesNothing()
    {
        // Arrange
        var (client, _) = await ClientWithGroupAsync(null);
        var cut = await OpenTabAsync(client.Id);

        // Act
        await cut.Find("[data-testid=xak-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Alias is required.", FieldErrorOf(cut.FindComponent<XApiKeysTab>(), "xak-alias-input")));
        Assert.Equal("Choose at least one authority group.", cut.Find("[data-testid=xak-groups-error]").TextContent);
        Assert.Contains("Expiry date is required.", cut.Find("[data-testid=xak-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=xak-created]"));
        Assert.Empty(await Services.GetRequiredService<XApiKeyService>().ListAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Render_GroupChoices_OnlyGroupsTheClientHoldsDirectlyOrThroughScopes()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync(null);
        var scoped = await AddGroupAsync("scoped-group");
        await AddGroupAsync("foreign-group");
        var scopeId = await AddScopeAsync("scope", scoped);
        await Services.GetRequiredService<ClientSecurityService>().AddScopesAsync(client.Id, [scopeId], SeedActor, Ct);

        // Act
        var cut = await OpenTabAsync(client.Id);

        // Assert
        var choices = cut.FindAll("[data-testid^=xak-group-]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal([$"xak-group-{groupId}", $"xak-group-{scoped}"], choices.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("foreign-group", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_Confirmed_ChipShowsRevoked()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync(null);
        var created = await CreateKeyAsync(client.Id, groupId, "to revoke");
        var dialogs = Render<MudDialogProvider>();
        var cut = await OpenTabAsync(client.Id);
        _ = cut.Find($"[data-testid=xak-revoke-{created.XApiKey.Id}]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Revoke");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Revoked", cut.Find("[data-testid=xak-status]").TextContent.Trim()));
        Assert.True(cut.Find($"[data-testid=xak-revoke-{created.XApiKey.Id}]").HasAttribute("disabled"));
        Assert.Equal(XApiKeyStatus.Revoked, Assert.Single(await Services.GetRequiredService<XApiKeyService>().ListAsync(client.Id, Ct)).Status);
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsKey_Confirmed_RemovesIt()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync(null);
        var created = await CreateKeyAsync(client.Id, groupId, "to delete");
        var dialogs = Render<MudDialogProvider>();
        var cut = await OpenTabAsync(client.Id);

        // Act
        _ = cut.Find($"[data-testid=xak-delete-{created.XApiKey.Id}]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");
        await ClickDialogButtonAsync(dialogs, "Cancel");
        var afterCancel = (await Services.GetRequiredService<XApiKeyService>().ListAsync(client.Id, Ct)).Count;
        _ = cut.Find($"[data-testid=xak-delete-{created.XApiKey.Id}]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        Assert.Equal(1, afterCancel);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=xak-row]")));
        Assert.Empty(await Services.GetRequiredService<XApiKeyService>().ListAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_ListReadOnlyWithoutAddForm()
    {
        // Arrange
        var (client, groupId) = await ClientWithGroupAsync(null);
        var created = await CreateKeyAsync(client.Id, groupId, "seen");
        SignInAsOperator();

        // Act
        var cut = await OpenTabAsync(client.Id);

        // Assert
        Assert.Equal("seen", cut.Find("[data-testid=xak-alias]").TextContent);
        Assert.True(cut.Find($"[data-testid=xak-revoke-{created.XApiKey.Id}]").HasAttribute("disabled"));
        Assert.True(cut.Find($"[data-testid=xak-delete-{created.XApiKey.Id}]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=xak-create]"));
        Assert.Empty(cut.FindAll("[data-testid=xak-alias-input]"));
    }

    private async Task<IRenderedComponent<ClientSecurity>> OpenTabAsync(int clientId)
    {
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, clientId));
        cut.WaitForElement(".mud-tab");
        var header = cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "X-Api-Key");
        await header.ClickAsync(new());
        cut.WaitForElement("[data-testid=xak-list]");
        return cut;
    }

    private Task<XApiKeyCreated> CreateKeyAsync(int clientId, int groupId, string alias) =>
        Services.GetRequiredService<XApiKeyService>().CreateAsync(
            clientId, new XApiKeyInput { Alias = alias, ExpiryDate = new DateOnly(2027, 1, 1), GroupIds = [groupId] }, SeedActor, Ct);

    private async Task<(ApiClient Client, int GroupId)> ClientWithGroupAsync(string? emails)
    {
        var client = await Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "xak-client", ClientName = "xak-client", DisplayName = "XAK", Password = "pw", ConfirmPassword = "pw", Note = "n", SecurityLevelId = LevelD, Emails = emails },
            SeedActor, Ct);
        var groupId = await AddGroupAsync("group-d");
        await Services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [groupId], SeedActor, Ct);
        return (client, groupId);
    }

    private async Task<int> AddGroupAsync(string name)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var group = new ApiGroup { Name = name, SecurityLevelId = LevelD };
        db.ApiGroups.Add(group);
        await db.SaveChangesAsync(Ct);
        return group.Id;
    }

    private async Task<int> AddScopeAsync(string name, params int[] groupIds)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var scope = new ApiScope { Name = name };
        scope.Groups.AddRange(groupIds.Select(g => new ApiScopeGroup { ApiGroupId = g }));
        db.ApiScopes.Add(scope);
        await db.SaveChangesAsync(Ct);
        return scope.Id;
    }
}
