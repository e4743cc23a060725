using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.OAuth;

public sealed class TokenSettingsTabTests : AdminTestContext
{
    [Fact]
    public async Task Render_Defaults_ShowsGrantsAndValidities()
    {
        // Arrange
        var client = await CreateClientAsync("tok-defaults");

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Token settings");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("3600", cut.Find("[data-testid=access-validity]").GetAttribute("value")));
        Assert.Equal("86400", cut.Find("[data-testid=refresh-validity]").GetAttribute("value"));
        var grants = cut.Find("[data-testid=token-grants]").GetAttribute("value") ?? "";
        Assert.Contains("client_credentials", grants, StringComparison.Ordinal);
        Assert.Contains("refresh_token", grants, StringComparison.Ordinal);
        Assert.DoesNotContain("password", grants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ChangedValuesAndRedirect_Persisted()
    {
        // Arrange
        var client = await CreateClientAsync("tok-save");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Token settings");
        cut.WaitForElement("[data-testid=access-validity]").Change("600");
        cut.Find("[data-testid=access-quota]").Change("7");
        await cut.Find("[data-testid=redirect-add]").ClickAsync(new());
        cut.WaitForElement("[data-testid=redirect-0]").Change("https://app.example.com/cb");

        // Act
        await cut.Find("[data-testid=token-settings-save]").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=token-settings-message]");
        var stored = await Services.GetRequiredService<TokenSettingsService>().GetAsync(client.Id, Ct);
        Assert.Equal(600, stored.AccessTokenValidity);
        Assert.Equal(7, stored.AccessTokenQuota);
        Assert.Equal(["https://app.example.com/cb"], stored.RedirectUris);
    }

    [Fact]
    public async Task Save_InvalidValidityAndRedirect_ShowsFieldErrorsAndKeepsStored()
    {
        // Arrange
        var client = await CreateClientAsync("tok-bad");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Token settings");
        cut.WaitForElement("[data-testid=access-validity]").Change("5");
        await cut.Find("[data-testid=redirect-add]").ClickAsync(new());
        cut.WaitForElement("[data-testid=redirect-0]").Change("ftp://nope");

        // Act
        await cut.Find("[data-testid=token-settings-save]").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=token-settings-error]");
        Assert.Contains("60 to", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=redirect-error]"));
        Assert.Equal(3600, (await Services.GetRequiredService<TokenSettingsService>().GetAsync(client.Id, Ct)).AccessTokenValidity);
    }

    [Fact]
    public async Task AddRedirect_StopsAtFive()
    {
        // Arrange
        var client = await CreateClientAsync("tok-five");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Token settings");

        // Act
        for (var i = 0; i < 5; i++)
        {
            await cut.WaitForElement("[data-testid=redirect-add]").ClickAsync(new());
        }

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid^=redirect-remove-]").Count));
        Assert.True(cut.Find("[data-testid=redirect-add]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_Operator_ReadOnly()
    {
        // Arrange
        var client = await CreateClientAsync("tok-operator");
        SignInAsOperator();

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut, "Token settings");

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=token-settings-save]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=redirect-add]").HasAttribute("disabled"));
    }

    private static async Task OpenTabAsync(IRenderedComponent<ClientSecurity> cut, string title)
    {
        cut.WaitForElement(".mud-tab");
        var header = cut.FindAll(".mud-tab").FirstOrDefault(t => t.TextContent.Trim() == title) ?? throw new InvalidOperationException($"No tab '{title}'.");
        await header.ClickAsync(new());
    }

    private Task<ApiClient> CreateClientAsync(string clientId) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n", SecurityLevelId = 4 },
            SeedActor, Ct);
}
