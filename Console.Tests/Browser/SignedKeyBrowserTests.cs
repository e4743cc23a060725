using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// DGRK end to end: an admin issues a signed key on the client security page in a real Chromium, copies the secret
/// shown once, and a call signed with it (HMAC computed here) passes the real gateway; a wrong signature does not.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedKeyBrowserTests
{
    [Fact]
    public async Task AdminIssuesKeyInUi_SignedCallPassesGateway()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>()
            .CreateAsync(new BackendInput { Name = "dgrk-svc", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        var api = await services.GetRequiredService<ApiService>()
            .CreateAsync(new ApiInput { Name = "signed-orders", DisplayName = "Signed orders", Path = "/signed", BackendId = backendRow.Id }, Actor.System, ct);
        var group = await services.GetRequiredService<ApiGroupService>().CreateAsync(new ApiGroupInput { Name = "signed-group" }, Actor.System, ct);
        await services.GetRequiredService<ApiGroupService>().AddApisAsync(group.Id, [api.Id], Actor.System, ct);
        var client = await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "signer", ClientName = "signer", DisplayName = "Signer", Password = "pw-signer-1", ConfirmPassword = "pw-signer-1", Note = "dgrk" },
            Actor.System,
            ct);
        await services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [group.Id], Actor.System, ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: issue a key on the "API Key (DGRK)" tab
        await page.GotoAsync($"/clients/{client.Id}/security");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "API Key (DGRK)" }).ClickAsync();
        await BrowserSession.Field(page, "dgrk-alias").FillAsync("e2e");
        var expiry = BrowserSession.Field(page, "dgrk-expiry");
        await expiry.FillAsync(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await expiry.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("[data-testid='dgrk-apis']");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "signed-orders" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("[data-testid='dgrk-create']");
        var apiKey = (await page.Locator("[data-testid='dgrk-created-apikey']").TextContentAsync())!.Trim();
        var secretKey = (await page.Locator("[data-testid='dgrk-created-secret']").TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator("[data-testid='dgrk-key']")).ToContainTextAsync("e2e");

        // Assert: a signed call passes the gateway, a wrong signature is refused
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        var body = "{\"orderId\":7}";
        using var ok = await WaitForOkAsync(http, body, $"DGRK {apiKey}.{Sign(body + apiKey + secretKey, secretKey)}", ct);
        using var forged = await SendAsync(http, body, $"DGRK {apiKey}.{Sign(body + apiKey + "guess", "guess")}", ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.True(secretKey.Length >= 43);
    }

    private static string Sign(string message, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string body, string authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await http.SendAsync(request, ct);
    }

    /// <summary>Polls (up to ~5 s) until the gateway snapshot has the key.</summary>
    private static async Task<HttpResponseMessage> WaitForOkAsync(HttpClient http, string body, string authorization, CancellationToken ct)
    {
        var response = await SendAsync(http, body, authorization, ct);
        for (var attempt = 0; attempt < 50 && response.StatusCode != HttpStatusCode.OK; attempt++)
        {
            response.Dispose();
            await Task.Delay(100, ct);
            response = await SendAsync(http, body, authorization, ct);
        }

        return response;
    }
}
