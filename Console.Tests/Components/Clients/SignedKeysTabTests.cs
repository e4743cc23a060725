using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Components.Pages.Clients.Security;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Data;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Clients;

/// <summary>The "API Key (DGRK)" tab of the client security page.</summary>
public sealed class SignedKeysTabTests : AdminTestContext
{
    [Fact]
    public async Task IssueKey_ShowsSecretOnceListsMaskThenRevokes()
    {
        // Arrange
        var client = await CreateClientAsync("dgrk-partner", "ops@example.com");
        var backend = await CreateBackendAsync("dgrk-be");
        var api = await CreateApiAsync("orders", backend.Id, "/orders");
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);
        var tab = cut.FindComponent<SignedKeysTab>();

        // Act
        await cut.InvokeAsync(() =>
        {
            tab.Instance.ViewModel.Alias = "nightly";
            tab.Instance.ViewModel.ExpiryDay = new DateTime(2026, 12, 31);
            tab.Instance.ViewModel.TimesQuota = 5;
            tab.Instance.ViewModel.SelectedApiIds = [api.Id];
        });
        await cut.Find("[data-testid=dgrk-create]").ClickAsync(new());

        // Assert
        var secret = cut.WaitForElement("[data-testid=dgrk-created-secret]").TextContent.Trim();
        var stored = Assert.Single(await Services.GetRequiredService<SignedKeyService>().ListAsync(client.Id, Ct));
        Assert.Equal(stored.SecretMask, cut.Find("[data-testid=dgrk-key] td:nth-child(3)").TextContent.Trim());
        Assert.Equal(stored.ApiKey, cut.Find("[data-testid=dgrk-created-apikey]").TextContent.Trim());
        Assert.Equal("5 / 5", cut.Find("[data-testid=dgrk-quota]").TextContent.Trim());
        Assert.Contains("orders v1", cut.Find("[data-testid=dgrk-key]").TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), stored.ExpiresAt);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.OutboxMails.CountAsync(m => m.To.Contains("ops@example.com"), Ct));
        }

        // Act: revoking hides the secret and marks the key.
        await cut.Find($"[data-testid=dgrk-revoke-{stored.Id}]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Revoked", cut.Find("[data-testid=dgrk-status]").TextContent.Trim()));
        Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=dgrk-created]"));
    }

    [Fact]
    public async Task IssueKey_MissingFields_ShowsFieldErrorsAndStoresNothing()
    {
        // Arrange
        var client = await CreateClientAsync("dgrk-empty", null);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Act
        await cut.WaitForElement("[data-testid=dgrk-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=dgrk-error]")));
        Assert.Contains("Expiry is required.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose at least one API.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(await Services.GetRequiredService<SignedKeyService>().ListAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Delete_RemovesKey()
    {
        // Arrange
        var client = await CreateClientAsync("dgrk-delete", null);
        var backend = await CreateBackendAsync("dgrk-be2");
        var api = await CreateApiAsync("billing", backend.Id, "/billing");
        var created = await Services.GetRequiredService<SignedKeyService>().CreateAsync(
            client.Id, new SignedKeyInput { ExpiresAt = Time.GetUtcNow().UtcDateTime.AddDays(3), ApiIds = [api.Id] }, SeedActor, Ct);
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Act
        await cut.WaitForElement($"[data-testid=dgrk-delete-{created.Key.Id}]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=dgrk-key]")));
        Assert.Empty(await Services.GetRequiredService<SignedKeyService>().ListAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_ListsKeysButCannotWrite()
    {
        // Arrange
        var client = await CreateClientAsync("dgrk-op", null);
        var backend = await CreateBackendAsync("dgrk-be3");
        var api = await CreateApiAsync("stock", backend.Id, "/stock");
        var created = await Services.GetRequiredService<SignedKeyService>().CreateAsync(
            client.Id, new SignedKeyInput { ExpiresAt = Time.GetUtcNow().UtcDateTime.AddDays(3), ApiIds = [api.Id] }, SeedActor, Ct);
        SignInAsOperator();

        // Act
        var cut = Render<ClientSecurity>(p => p.Add(c => c.Id, client.Id));
        await OpenTabAsync(cut);

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=dgrk-key]")));
        Assert.True(cut.Find("[data-testid=dgrk-create]").HasAttribute("disabled"));
        Assert.True(cut.Find($"[data-testid=dgrk-revoke-{created.Key.Id}]").HasAttribute("disabled"));
        Assert.True(cut.Find($"[data-testid=dgrk-delete-{created.Key.Id}]").HasAttribute("disabled"));
        Assert.DoesNotContain(created.SecretKey, cut.Markup, StringComparison.Ordinal);
    }

    private static async Task OpenTabAsync(IRenderedComponent<ClientSecurity> cut)
    {
        cut.WaitForElement(".mud-tab");
        var header = cut.FindAll(".mud-tab").FirstOrDefault(t => t.TextContent.Trim() == "API Key (DGRK)") ?? throw new InvalidOperationException("No DGRK tab.");
        await header.ClickAsync(new());
        cut.WaitForElement("[data-testid=dgrk-create]");
    }

    private Task<ApiClient> CreateClientAsync(string clientId, string? emails) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n", Emails = emails },
            SeedActor, Ct);
}
