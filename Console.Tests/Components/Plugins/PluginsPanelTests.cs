using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Components.Pages.Backends;
using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Components.Pages.Plugins;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Plugins;

/// <summary>The PluginsPanel, its add/edit dialog, the global /plugins page and the panel on the details pages.</summary>
public sealed class PluginsPanelTests : AdminTestContext
{
    private readonly SecretTestPluginDefinition _secret = new();

    public PluginsPanelTests()
    {
        Services.AddSingleton<IPluginDefinition>(_secret);
    }

    private PluginService Plugins => Services.GetRequiredService<PluginService>();

    [Fact]
    public async Task Render_ApiWithPlugin_ListsTypeSwitchAndSummary()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"],"status":451}""");

        // Act
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));

        // Assert
        cut.WaitForElement("[data-testid=plugin-row]");
        var row = Assert.Single(cut.FindAll("[data-testid=plugin-row]"));
        Assert.Equal("ip-restriction", row.GetAttribute("data-plugin"));
        Assert.Equal("deny: 10.0.0.0/8 · status: 451", cut.Find("[data-testid=plugin-summary]").TextContent);
    }

    [Fact]
    public async Task Render_NoPluginHere_SaysSo()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await AddIpRestrictionAsync("global", null, """{"deny":["10.0.0.0/8"]}""");

        // Act
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));

        // Assert
        cut.WaitForElement("[data-testid=plugins-none]");
        Assert.Empty(cut.FindAll("[data-testid=plugin-row]"));
    }

    [Fact]
    public async Task Add_ValidConfiguration_SavedAndListed()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        await OpenAddDialogAsync(cut, dialogs, "ip-restriction");
        var editor = dialogs.Find("[data-testid=plugin-config]");
        Assert.Contains("\"status\": 403", editor.TextContent + editor.GetAttribute("value"), StringComparison.Ordinal);
        editor.Change("""{"allow":["192.168.0.0/16"]}""");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        cut.WaitForAssertion(() => Assert.Contains("allow: 192.168.0.0/16", cut.Find("[data-testid=plugin-summary]").TextContent, StringComparison.Ordinal));
        var stored = Assert.Single(await Plugins.ListAsync(new PluginQuery("api", apiId), Ct));
        Assert.Equal(PluginType.IpRestriction, stored.Type);
    }

    [Fact]
    public async Task Add_BadConfiguration_EachConfigErrorListedAndNothingSaved()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        await OpenAddDialogAsync(cut, dialogs, "ip-restriction");
        dialogs.Find("[data-testid=plugin-config]").Change("""{"allow":["nope"],"status":1}""");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForElement("[data-testid=plugin-config-errors]");
        var errors = dialogs.Find("[data-testid=plugin-config-errors]").TextContent;
        Assert.Contains("allow[0]: 'nope' is not an IP address or CIDR range.", errors, StringComparison.Ordinal);
        Assert.Contains("status: Status must be a whole number between 400 and 599.", errors, StringComparison.Ordinal);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Empty(await Plugins.ListAsync(new PluginQuery("api", apiId), Ct));
    }

    [Fact]
    public async Task Add_InvalidJson_ConfigErrorShown()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        await OpenAddDialogAsync(cut, dialogs, "ip-restriction");
        dialogs.Find("[data-testid=plugin-config]").Change("{\"deny\": [");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Contains("The configuration is not valid JSON", dialogs.Find("[data-testid=plugin-config-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_TypesOffered_OnlyAllowedHereAndNotYetPresent()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");
        var clientId = await CreateClientIdAsync();
        var dialogs = Render<MudDialogProvider>();
        var onApi = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        var onClient = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Client).Add(x => x.TargetId, clientId));

        // Act
        onApi.WaitForElement("[data-testid=plugin-row]");
        _ = onApi.Find("[data-testid=plugin-add]").ClickAsync(new());
        var apiTypes = dialogs.WaitForComponent<PluginDialog>().Instance.Types.Select(t => t.Name).ToList();
        await ClickDialogButtonAsync(dialogs, "Cancel");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        onClient.WaitForElement("[data-testid=plugins-none]");
        _ = onClient.Find("[data-testid=plugin-add]").ClickAsync(new());
        var clientTypes = dialogs.WaitForComponent<PluginDialog>().Instance.Types.Select(t => t.Name).ToList();

        // Assert: ip-restriction is already on the API; upstream-basic-auth is not allowed on clients.
        Assert.Contains("upstream-basic-auth", apiTypes);
        Assert.DoesNotContain("ip-restriction", apiTypes);
        Assert.Contains("ip-restriction", clientTypes);
        Assert.DoesNotContain("upstream-basic-auth", clientTypes);
    }

    [Fact]
    public async Task Add_SecretType_SecretInputStoredEncryptedAndNeverShown()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        await OpenAddDialogAsync(cut, dialogs, "upstream-basic-auth");
        Assert.DoesNotContain("password", dialogs.Find("[data-testid=plugin-config]").GetAttribute("value") ?? "", StringComparison.Ordinal);
        dialogs.Find("[data-testid=plugin-config]").Change("""{"username":"svc"}""");
        dialogs.Find("[data-testid=plugin-secret]").Change("S3cret-value");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        cut.WaitForElement("[data-testid=plugin-row]");
        Assert.Equal("S3cret-value", _secret.LastSecret);
        Assert.Contains("password: ********", cut.Find("[data-testid=plugin-summary]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-value", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_SecretLeftEmpty_StoredSecretKept()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await Plugins.CreateAsync(new PluginInput { Type = "upstream-basic-auth", Scope = "api", TargetId = apiId, Configuration = """{"username":"svc","password":"Old-secret"}""" }, SeedActor, Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        cut.WaitForElement("[data-testid=plugin-edit]");
        _ = cut.Find("[data-testid=plugin-edit]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=plugin-secret]");
        var editorText = dialogs.Find("[data-testid=plugin-config]").GetAttribute("value") ?? dialogs.Find("[data-testid=plugin-config]").TextContent;
        Assert.DoesNotContain("password", editorText, StringComparison.Ordinal);
        Assert.Contains("Leave empty to keep", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("[data-testid=plugin-config]").Change("""{"username":"renamed"}""");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        cut.WaitForAssertion(() => Assert.Contains("username: renamed", cut.Find("[data-testid=plugin-summary]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Old-secret", _secret.LastSecret);
        Assert.True((await Plugins.ListAsync(new PluginQuery("api", apiId), Ct))[0].HasSecret);
    }

    [Fact]
    public async Task Edit_ChangedMeanwhile_ConflictShownInDialog()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var plugin = await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        cut.WaitForElement("[data-testid=plugin-edit]");
        _ = cut.Find("[data-testid=plugin-edit]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=plugin-config]");
        await Plugins.SetEnabledAsync(plugin.Id, false, null, SeedActor, Ct);
        dialogs.Find("[data-testid=plugin-config]").Change("""{"deny":["10.0.0.1"]}""");

        // Act
        await dialogs.Find("[data-testid=plugin-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal("The plugin was changed by someone else. Reload it and try again.", dialogs.Find("[data-testid=plugin-errors]").TextContent));
        Assert.Contains("10.0.0.0/8", (await Plugins.FindAsync(plugin.Id, Ct))!.Configuration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toggle_EnabledSwitch_StoredDisabled()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var plugin = await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        cut.WaitForElement("[data-testid=plugin-row]");

        // Act
        await cut.Find("[data-testid=plugin-row] input[type=checkbox]").ChangeAsync(new() { Value = false });

        // Assert
        Assert.False((await Plugins.FindAsync(plugin.Id, Ct))!.Enabled);
    }

    [Fact]
    public async Task Delete_Confirmed_Removed()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        var plugin = await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));
        cut.WaitForElement("[data-testid=plugin-delete]");
        _ = cut.Find("[data-testid=plugin-delete]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Confirm delete?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForElement("[data-testid=plugins-none]");
        Assert.Null(await Plugins.FindAsync(plugin.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_WriteControlsDisabled()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");
        SignInAsOperator();

        // Act
        var cut = Render<PluginsPanel>(p => p.Add(x => x.Scope, PluginScope.Api).Add(x => x.TargetId, apiId));

        // Assert
        cut.WaitForElement("[data-testid=plugin-row]");
        Assert.True(cut.Find("[data-testid=plugin-add]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=plugin-edit]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=plugin-delete]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=plugin-row] input[type=checkbox]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task GlobalPage_PluginsOfEveryScope_ListedWithTargetsAndFilterable()
    {
        // Arrange
        var apiId = await CreateApiIdAsync();
        await AddIpRestrictionAsync("global", null, """{"deny":["10.0.0.0/8"]}""");
        await AddIpRestrictionAsync("api", apiId, """{"deny":["10.0.0.0/8"]}""");

        // Act
        var cut = Render<PluginList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=plugin-row]").Count));
        var targets = cut.FindAll("[data-testid=plugin-target]").Select(t => t.TextContent).ToList();
        var filter = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("api"));

        // Assert
        Assert.Equal(["global", "API orders v1"], targets);
        cut.WaitForAssertion(() => Assert.Equal("API orders v1", Assert.Single(cut.FindAll("[data-testid=plugin-target]")).TextContent));
        Assert.Contains("Add global plugin", cut.Find("[data-testid=plugin-add]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsPages_ApiBackendAndClient_ShowTheirPluginsPanel()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders-be");
        var api = await CreateApiAsync("orders", backend.Id, "/orders");
        var clientId = await CreateClientIdAsync();
        await AddIpRestrictionAsync("backend", backend.Id, """{"deny":["10.0.0.0/8"]}""");

        // Act
        var apiPage = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        var backendPage = Render<BackendDetails>(p => p.Add(x => x.Id, backend.Id));
        var clientPage = Render<ClientDetails>(p => p.Add(x => x.Id, clientId));

        // Assert
        apiPage.WaitForElement("[data-testid=plugins-none]");
        backendPage.WaitForElement("[data-testid=plugin-row]");
        clientPage.WaitForElement("[data-testid=plugins-none]");
        Assert.Equal(PluginScope.Api, apiPage.FindComponent<PluginsPanel>().Instance.Scope);
        Assert.Equal(backend.Id, backendPage.FindComponent<PluginsPanel>().Instance.TargetId);
        Assert.Equal(PluginScope.Client, clientPage.FindComponent<PluginsPanel>().Instance.Scope);
    }

    private async Task OpenAddDialogAsync(IRenderedComponent<PluginsPanel> cut, IRenderedComponent<MudDialogProvider> dialogs, string type)
    {
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=plugin-add]").HasAttribute("disabled")));
        _ = cut.Find("[data-testid=plugin-add]").ClickAsync(new());
        var select = dialogs.WaitForComponent<MudSelect<string>>();
        await dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(type));
    }

    private async Task<int> CreateApiIdAsync()
    {
        var backend = await CreateBackendAsync("orders-be");
        return (await CreateApiAsync("orders", backend.Id, "/orders")).Id;
    }

    private async Task<int> CreateClientIdAsync() =>
        (await Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "acme", ClientName = "acme", DisplayName = "Acme", Password = "Pa55word!x", ConfirmPassword = "Pa55word!x", Note = "n" }, SeedActor, Ct)).Id;

    private Task<PluginView> AddIpRestrictionAsync(string scope, int? targetId, string configuration) =>
        Plugins.CreateAsync(new PluginInput { Type = "ip-restriction", Scope = scope, TargetId = targetId, Configuration = configuration }, SeedActor, Ct);
}
