using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The issue's end-to-end scenario: an admin sets a client's API quota to 3 in the console, the fourth call through
/// the real gateway listener is refused 429 quota_exceeded, and the API Logs page shows that refusal with its reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuotaBrowserTests
{
    private const string ClientPassword = "Quota-Browser-1!";

    [Fact]
    public async Task ClientQuotaSetToThree_FourthCallRejected_ApiLogsExplainsIt()
    {
        // Arrange: a backend, a non-public API in a group held by an unlimited client, through the services
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory(b => b.UseSetting("CallLog:FlushIntervalMs", "50"));
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>()
            .CreateAsync(new BackendInput { Name = "quota-svc", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        var api = await services.GetRequiredService<ApiService>()
            .CreateAsync(new ApiInput { Name = "quota-orders", DisplayName = "Quota orders", Path = "/quota", BackendId = backendRow.Id }, Actor.System, ct);
        var groups = services.GetRequiredService<ApiGroupService>();
        var group = await groups.CreateAsync(new ApiGroupInput { Name = "quota-group" }, Actor.System, ct);
        await groups.AddApisAsync(group.Id, [api.Id], Actor.System, ct);
        var client = await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "quota-partner", ClientName = "quota_partner", DisplayName = "Quota partner", Password = ClientPassword, ConfirmPassword = ClientPassword, TpsPerNode = 0, Note = "quota test" },
            Actor.System,
            ct);
        await services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [group.Id], Actor.System, ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: the admin sets the API quota to 3 on the client's edit page
        await page.GotoAsync($"/clients/{client.Id}/edit");
        await BrowserSession.WaitForInteractiveAsync(page);
        var quota = BrowserSession.Field(page, "client-api-quota");
        await quota.FillAsync("3");
        await quota.BlurAsync();
        await page.Locator("[data-testid='client-save']").ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/clients/{client.Id}$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await WaitForSnapshotAsync(services, ct);

        // Act: calls through the gateway listener until one is refused
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        var statuses = new List<HttpStatusCode>();
        string? refusedId = null;
        for (var attempt = 0; attempt < 100 && refusedId is null; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/quota/items");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("quota-partner:" + ClientPassword)));
            using var response = await http.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusedId = response.Headers.GetValues("X-Request-Id").Single();
            }
        }

        // Assert: exactly three calls passed, the fourth was refused for the quota
        Assert.NotNull(refusedId);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Assert: the API Logs page shows the refusal, and its detail explains it
        await page.GotoAsync("/api-logs");
        await BrowserSession.WaitForInteractiveAsync(page);
        var row = page.Locator("[data-testid='calls-table'] tbody tr", new PageLocatorOptions { HasText = "quota_exceeded" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("429");
        await Assertions.Expect(row).ToContainTextAsync("quota-partner");
        await row.ClickAsync();
        var detail = page.Locator("[data-testid='call-detail']");
        await Assertions.Expect(detail.Locator("[data-testid='detail-request-id']")).ToHaveTextAsync(refusedId!);
        await Assertions.Expect(detail.Locator("[data-testid='explanation-summary']")).ToContainTextAsync("client's limits");
        await Assertions.Expect(detail.Locator("[data-testid='explanation-next']")).ToContainTextAsync("quota");
    }

    /// <summary>Waits until the gateway serves the database's config version (the quota the admin just saved).</summary>
    private static async Task WaitForSnapshotAsync(IServiceProvider services, CancellationToken ct)
    {
        var target = await services.GetRequiredService<ICatalogReader>().ReadVersionAsync(ct);
        var provider = services.GetRequiredService<DbProxyConfigProvider>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (provider.AppliedVersion < target)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
