using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The call log end to end: a call the real gateway listener rejects appears on the open API Logs page without a
/// reload, and its detail explains why.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiLogsBrowserTests
{
    private const string ClientPassword = "Log-Browser-1!";

    [Fact]
    public async Task LivePage_CallRejectedWith401_AppearsWithoutReloadAndDetailExplains()
    {
        // Arrange: a backend, a non-public API and a client, through the services
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory(b => b.UseSetting("CallLog:FlushIntervalMs", "50"));
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>()
            .CreateAsync(new BackendInput { Name = "logged-svc", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        await services.GetRequiredService<ApiService>()
            .CreateAsync(new ApiInput { Name = "logged-orders", DisplayName = "Logged orders", Path = "/logged", BackendId = backendRow.Id }, Actor.System, ct);
        await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "log-partner", ClientName = "log_partner", DisplayName = "Log partner", Password = ClientPassword, ConfirmPassword = ClientPassword, Note = "call log test" },
            Actor.System,
            ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);
        await page.GotoAsync("/api-logs");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='live-state']")).ToHaveTextAsync("Live");

        // Act: a call with a wrong password through the gateway listener (retried until the snapshot has the API)
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        var status = HttpStatusCode.NotFound;
        string? requestId = null;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.Unauthorized; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/logged/items?token=abc123");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("log-partner:wrong-password")));
            using var response = await http.SendAsync(request, ct);
            status = response.StatusCode;
            requestId = response.Headers.GetValues("X-Request-Id").Single();
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(100, ct);
            }
        }

        // Assert: the row shows up on the open page by itself
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var row = page.Locator("[data-testid='calls-table'] tbody tr", new PageLocatorOptions { HasText = "invalid_credential" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("/logged/items");
        await Assertions.Expect(row).ToContainTextAsync("401");

        // Act: open its detail
        await row.ClickAsync();

        // Assert: the detail explains the rejection in plain words
        var detail = page.Locator("[data-testid='call-detail']");
        await Assertions.Expect(detail.Locator("[data-testid='detail-request-id']")).ToHaveTextAsync(requestId!);
        await Assertions.Expect(detail.Locator("[data-testid='explanation-summary']")).ToContainTextAsync("Rejected during authentication");
        await Assertions.Expect(detail.Locator("[data-testid='explanation-detail']")).ToHaveTextAsync(GatewayError.InvalidCredential.Detail);
        await Assertions.Expect(detail.Locator("[data-testid='explanation-next']")).ToContainTextAsync("valid credentials");
        await Assertions.Expect(detail).ToContainTextAsync("token=***");
        await Assertions.Expect(detail).Not.ToContainTextAsync("abc123");
    }
}
