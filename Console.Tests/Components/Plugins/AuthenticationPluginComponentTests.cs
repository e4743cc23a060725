using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Plugins;

/// <summary>The API details page's Authentication section and the client security page's Plugin credentials tab.</summary>
public sealed class AuthenticationPluginComponentTests : AdminTestContext
{
    [Fact]
    public async Task AuthenticationSection_AdminEditsAndSaves_SettingsStoredAndShown()
    {
        // Arrange
        SignInAsAdministrator();
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        await cut.WaitForElement("[data-testid=auth-edit]").ClickAsync(new());

        // Act
        Check(cut, "auth-type-ClientBasic", false);
        Check(cut, "auth-type-KeyAuth", true);
        cut.Find("[data-testid=auth-key-names]").Change("x-key, token");
        Check(cut, "auth-key-hide", true);
        cut.Find("[data-testid=auth-basic-realm]").Change("partners");
        await cut.Find("[data-testid=auth-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("key-auth", cut.Find("[data-testid=auth-accepts]").TextContent, StringComparison.Ordinal));
        var stored = (await Services.GetRequiredService<ApiAuthenticationService>().GetAsync(api.Id, Ct))!;
        Assert.Equal(CredentialTypes.OAuthToken | CredentialTypes.XApiKey | CredentialTypes.SignedKey | CredentialTypes.KeyAuth, stored.AcceptedCredentials);
        Assert.Equal(["x-key", "token"], stored.KeyAuth.KeyNames);
        Assert.True(stored.KeyAuth.HideCredentials);
        Assert.Equal("partners", stored.BasicAuth.Realm);
        Assert.Contains("x-key, token", cut.Find("[data-testid=auth-keyauth]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticationSection_InvalidSettings_ShowsErrorsAndKeepsForm()
    {
        // Arrange
        SignInAsAdministrator();
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        await cut.WaitForElement("[data-testid=auth-edit]").ClickAsync(new());

        // Act
        foreach (var type in new[] { "ClientBasic", "OAuthToken", "XApiKey", "SignedKey" })
        {
            Check(cut, "auth-type-" + type, false);
        }

        cut.Find("[data-testid=auth-key-names]").Change("bad name");
        await cut.Find("[data-testid=auth-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("at least one credential type", cut.Find("[data-testid=auth-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("[data-testid=auth-save]"));
        Assert.Contains("is invalid", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(CredentialTypes.Default, (await Services.GetRequiredService<ApiAuthenticationService>().GetAsync(api.Id, Ct))!.AcceptedCredentials);
    }

    [Fact]
    public async Task AuthenticationSection_Operator_ReadOnly()
    {
        // Arrange
        SignInAsOperator();
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=auth-edit]").HasAttribute("disabled")));
        Assert.Contains("OAuth access token", cut.Find("[data-testid=auth-accepts]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=auth-save]"));
    }

    [Fact]
    public async Task PluginCredentialsTab_AddKeyShownOnceThenDelete()
    {
        // Arrange
        SignInAsAdministrator();
        var client = await CreateClientAsync("plug-client");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Act
        await cut.WaitForElement("[data-testid=keyauth-create]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=keyauth-row]")));
        var key = cut.Find("[data-testid=plugin-secret-value]").TextContent;
        var stored = await Services.GetRequiredService<PluginCredentialService>().ListKeyAuthAsync(client.Id, Ct);
        await cut.Find($"[data-testid=keyauth-delete-{stored[0].Id}]").ClickAsync(new());

        // Assert
        Assert.Equal(CredentialSecrets.Hash(key), stored[0].KeyHash);
        Assert.DoesNotContain(key, cut.Find("[data-testid=keyauth-table]").TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=keyauth-row]")));
    }

    [Fact]
    public async Task PluginCredentialsTab_ShortKeyAndJwt_ErrorsThenGeneratedSecretShownOnce()
    {
        // Arrange
        SignInAsAdministrator();
        var client = await CreateClientAsync("jwt-client");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Act
        cut.WaitForElement("[data-testid=keyauth-key]").Change("short");
        await cut.Find("[data-testid=keyauth-create]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=plugin-error]")));
        cut.Find("[data-testid=jwt-key]").Change("my-issuer");
        await cut.Find("[data-testid=jwt-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=jwt-row]")));
        var secret = cut.Find("[data-testid=plugin-secret-value]").TextContent;
        Assert.True(secret.Length >= 32);
        Assert.Contains("my-issuer", cut.Find("[data-testid=jwt-table]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, cut.Find("[data-testid=jwt-table]").TextContent, StringComparison.Ordinal);
        Assert.Empty(await Services.GetRequiredService<PluginCredentialService>().ListKeyAuthAsync(client.Id, Ct));
    }

    [Fact]
    public async Task PluginCredentialsTab_Operator_ButtonsDisabled()
    {
        // Arrange
        SignInAsOperator();
        var client = await CreateClientAsync("ro-client");

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=keyauth-create]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=jwt-create]").HasAttribute("disabled"));
    }

    private static void Check(IRenderedComponent<ApiDetails> cut, string testId, bool value)
    {
        var element = cut.Find($"[data-testid={testId}]");
        var input = element.TagName == "INPUT" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException($"No input in {testId}.");
        input.Change(value);
    }

    private static async Task OpenTabAsync(IRenderedComponent<ClientSecurity> cut)
    {
        cut.WaitForElement(".mud-tab");
        var header = cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "Plugin credentials");
        await header.ClickAsync(new());
    }

    private Task<ApiClient> CreateClientAsync(string clientId) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n" },
            SeedActor, Ct);
}
