using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// Issue 3 end to end: groups and clients set up in a real Chromium, then HTTP Basic calls through the real gateway
/// listener show the client's groups decide what it may call.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientAccessBrowserTests
{
    private const string ClientPassword = "s3cret:with colon";

    [Fact]
    public async Task AdminFlow_GroupAndClientThroughUi_GatewayAuthorisesOnlyClientHoldingGroup()
    {
        // Arrange: a backend and a non-public API through the services (the backend/API pages have their own browser test)
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var console = factory.ConsoleUri;
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>()
            .CreateAsync(new BackendInput { Name = "partner-svc", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        await services.GetRequiredService<ApiService>()
            .CreateAsync(new ApiInput { Name = "partner-orders", DisplayName = "Partner orders", Path = "/partner", BackendId = backendRow.Id }, Actor.System, ct);
        await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "outsider", ClientName = "outsider", DisplayName = "Outsider", Password = ClientPassword, ConfirmPassword = ClientPassword, Note = "no groups" },
            Actor.System,
            ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: create a group and put the API in it with the details page picker
        await page.GotoAsync("/groups/new");
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "group-name").FillAsync("partners");
        await page.ClickAsync("[data-testid='group-save']");
        await page.WaitForURLAsync(new Regex(@"/groups/\d+$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid='group-add-apis']");
        await page.Locator("[data-testid='api-picker'] tbody tr", new PageLocatorOptions { HasText = "partner-orders" }).Locator("input[type='checkbox']").CheckAsync();
        await page.ClickAsync("[data-testid='api-picker-add']");
        await Assertions.Expect(page.Locator("[data-testid='group-apis']")).ToContainTextAsync("partner-orders");

        // Act: create a client with every required field
        await page.GotoAsync("/clients/new");
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "client-id").FillAsync("partner-a");
        await BrowserSession.Field(page, "client-name").FillAsync("partner_a");
        await BrowserSession.Field(page, "client-display-name").FillAsync("Partner A");
        await BrowserSession.Field(page, "client-password").FillAsync(ClientPassword);
        await BrowserSession.Field(page, "client-confirm-password").FillAsync(ClientPassword);
        await BrowserSession.Field(page, "client-note").FillAsync("end-to-end test client");
        await page.ClickAsync("[data-testid='client-save']");
        await page.WaitForURLAsync(new Regex(@"/clients/\d+$"));
        await BrowserSession.WaitForInteractiveAsync(page);

        // Act: open its security page and add the group on the API Groups tab
        await page.ClickAsync("[data-testid='client-security']");
        await page.WaitForURLAsync(new Regex(@"/clients/\d+/security$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "API Groups" }).ClickAsync();
        await page.Locator("[data-testid='assignable-group']", new PageLocatorOptions { HasText = "partners" }).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='held-groups']")).ToContainTextAsync("partners");

        // Assert: the client holding the group reaches the backend as itself, without its credentials
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        using (var ok = await WaitForStatusAsync(http, "partner-a", ClientPassword, HttpStatusCode.OK, ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var echoed = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(ct));
            var headers = echoed.RootElement.GetProperty("headers");
            Assert.Equal("partner-a", headers.GetProperty("X-Consumer-ID").GetString());
            Assert.False(headers.TryGetProperty("Authorization", out _));
            Assert.Equal("/7", echoed.RootElement.GetProperty("path").GetString());
        }

        // Assert: a wrong password is refused as a bad credential
        using (var wrong = await SendAsync(http, "partner-a", ClientPassword + "x", ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid_credential", await ProblemCodeAsync(wrong, ct));
        }

        // Assert: a valid client without the group is not authorised for the API
        using var outsider = await SendAsync(http, "outsider", ClientPassword, ct);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Equal("api_not_authorized", await ProblemCodeAsync(outsider, ct));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string clientId, string password, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/partner/7");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{password}")));
        return await http.SendAsync(request, ct);
    }

    /// <summary>Polls (up to ~5 s) until the gateway snapshot catches up with the console's last write.</summary>
    private static async Task<HttpResponseMessage> WaitForStatusAsync(HttpClient http, string clientId, string password, HttpStatusCode expected, CancellationToken ct)
    {
        var response = await SendAsync(http, clientId, password, ct);
        for (var attempt = 0; attempt < 50 && response.StatusCode != expected; attempt++)
        {
            response.Dispose();
            await Task.Delay(100, ct);
            response = await SendAsync(http, clientId, password, ct);
        }

        return response;
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return problem.RootElement.GetProperty("code").GetString();
    }
}
