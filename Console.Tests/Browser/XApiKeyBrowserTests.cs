using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// Issue 4 end to end: an admin creates an X-Api-Key in a real Chromium, the key arrives by mail at a real local SMTP
/// server (aiosmtpd) through the outbox job, and the key from the mail passes a call through the real gateway listener.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class XApiKeyBrowserTests
{
    [Fact]
    public async Task AdminCreatesKey_KeyMailedToClient_MailedKeyPassesGateway()
    {
        // Arrange: SMTP server, product, backend, a non-public API in a group, and a client holding the group with an email
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpTestServer.StartNewAsync(ct);
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory(builder =>
        {
            builder.UseSetting("Mail:Host", "127.0.0.1");
            builder.UseSetting("Mail:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:SenderAddress", "noreply@apimanager.test");
            builder.UseSetting("Mail:TimeoutSeconds", "5");
            builder.UseSetting("Mail:PollIntervalSeconds", "1");
        });
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>()
            .CreateAsync(new BackendInput { Name = "xak-svc", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        var api = await services.GetRequiredService<ApiService>()
            .CreateAsync(new ApiInput { Name = "xak-orders", DisplayName = "Orders", Path = "/xak-orders", BackendId = backendRow.Id }, Actor.System, ct);
        var groups = services.GetRequiredService<ApiGroupService>();
        var group = await groups.CreateAsync(new ApiGroupInput { Name = "key-partners" }, Actor.System, ct);
        await groups.AddApisAsync(group.Id, [api.Id], Actor.System, ct);
        var client = await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput
            {
                ClientId = "key-partner",
                ClientName = "key_partner",
                DisplayName = "Key Partner",
                Password = "Key-partner-1",
                ConfirmPassword = "Key-partner-1",
                Note = "X-Api-Key browser test",
                Emails = "dev@partner.example",
            },
            Actor.System,
            ct);
        await services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [group.Id], Actor.System, ct);
        var expiry = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: the X-Api-Key tab of the client's security page
        await page.GotoAsync($"/clients/{client.Id}/security");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "X-Api-Key" }).ClickAsync();
        await BrowserSession.Field(page, "xak-alias-input").FillAsync("browser-key");
        var expiryInput = BrowserSession.Field(page, "xak-expiry");
        await expiryInput.FillAsync(expiry);
        await expiryInput.PressAsync("Tab");
        await page.Keyboard.PressAsync("Escape");
        await BrowserSession.Field(page, $"xak-group-{group.Id}").CheckAsync();
        await page.ClickAsync("[data-testid='xak-create']");
        await Assertions.Expect(page.Locator("[data-testid='xak-created']")).ToBeVisibleAsync();
        var shownKey = (await page.Locator("[data-testid='xak-value']").TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator("[data-testid='xak-mail-result']")).ToContainTextAsync("dev@partner.example");
        await Assertions.Expect(page.Locator("[data-testid='xak-row']")).ToContainTextAsync("browser-key");

        // Assert: the mail arrives with the key, and the mailed key passes the gateway
        var mail = await smtp.WaitForMailContainingAsync("browser-key", TimeSpan.FromSeconds(20), ct);
        Assert.Contains("dev@partner.example", mail, StringComparison.Ordinal);
        var mailedKey = Regex.Match(mail, @"X-Api-Key: ([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(shownKey, mailedKey);
        Assert.Contains(expiry, mail, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        using var ok = await WaitForOkAsync(http, mailedKey, ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var echoed = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(ct));
        var headers = echoed.RootElement.GetProperty("headers");
        Assert.Equal("key-partner", headers.GetProperty("X-Consumer-ID").GetString());
        Assert.False(headers.TryGetProperty("X-Api-Key", out _));
        using var wrong = await SendAsync(http, mailedKey[..^1] + (mailedKey[^1] == 'A' ? 'B' : 'A'), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/xak-orders/1");
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request, ct);
    }

    /// <summary>Polls (up to ~5 s) until the gateway snapshot holds the new key.</summary>
    private static async Task<HttpResponseMessage> WaitForOkAsync(HttpClient http, string key, CancellationToken ct)
    {
        var response = await SendAsync(http, key, ct);
        for (var attempt = 0; attempt < 50 && response.StatusCode != HttpStatusCode.OK; attempt++)
        {
            response.Dispose();
            await Task.Delay(100, ct);
            response = await SendAsync(http, key, ct);
        }

        return response;
    }
}
