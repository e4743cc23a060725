using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>What an administrator clicks through, in a real Chromium against the real product on real ports.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleFlowBrowserTests
{
    [Fact]
    public async Task AdminFlow_LoginCreateBackendAndApi_GatewayRoutesAndAuditShowsIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var console = factory.ConsoleUri;
        var gateway = factory.GatewayUri;
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync();

        // Act: sign in
        await page.GotoAsync(new Uri(console, "/account/login").ToString());
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", RealServerFactory.AdminPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await BrowserSession.WaitForInteractiveAsync(page);

        // Act: create a backend
        await page.GotoAsync(new Uri(console, "/backends/new").ToString());
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "backend-name").FillAsync("orders-svc");
        await BrowserSession.Field(page, "backend-host").FillAsync("127.0.0.1");
        await BrowserSession.Field(page, "backend-port").FillAsync(backend.Port.ToString());
        await page.ClickAsync("[data-testid='backend-save']");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/backends/\d+$"));

        // Act: create an API on it
        await page.GotoAsync(new Uri(console, "/apis/new").ToString());
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "api-name").FillAsync("orders");
        await BrowserSession.Field(page, "api-version").FillAsync("v1");
        await BrowserSession.Field(page, "api-display-name").FillAsync("Orders");
        await BrowserSession.Field(page, "api-path").FillAsync("/orders");
        await page.ClickAsync("[data-testid='api-backend']");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "orders-svc" }).First.ClickAsync();
        // Public: the gateway lets it through without client credentials.
        await page.ClickAsync("[data-testid='api-public']");
        await page.ClickAsync("[data-testid='api-save']");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/apis/\d+$"));

        // Assert: the gateway routes to the backend without a restart
        using var http = new HttpClient { BaseAddress = gateway };
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            response?.Dispose();
            response = await http.GetAsync("/orders/42?x=1", ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(100, ct);
        }

        Assert.NotNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("/42", echoed.RootElement.GetProperty("path").GetString());
        Assert.Equal("?x=1", echoed.RootElement.GetProperty("query").GetString());
        response.Dispose();

        // Assert: the audit log shows both writes, by admin
        await page.GotoAsync(new Uri(console, "/audit").ToString());
        await BrowserSession.WaitForInteractiveAsync(page);
        var rows = page.Locator("[data-testid='audit-table'] tbody tr");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "Backend" }).First).ToContainTextAsync("Created");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "Api" }).First).ToContainTextAsync("Created");
        await Assertions.Expect(rows.First).ToContainTextAsync("admin");
    }
}
