using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The issue's end-to-end scenario: an admin creates an upstream with two targets and active health checks on the
/// Upstreams page, creates an API on it with the wizard from an uploaded OpenAPI file, calls an operation through the
/// real gateway listener, and watches the health view flip to unhealthy when one target is stopped.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpstreamWizardBrowserTests
{
    private const string PetsDocument = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Pets", "version": "1.0.0" },
          "paths": {
            "/pets": { "get": { "operationId": "listPets", "summary": "List pets", "responses": { "200": { "description": "ok" } } } },
            "/pets/{petId}": { "get": { "operationId": "getPet", "summary": "One pet", "responses": { "200": { "description": "ok" } } } }
          }
        }
        """;

    [Fact]
    public async Task UpstreamWizardAndHealth_AdminFlow_CallServedAndStoppedTargetShownUnhealthy()
    {
        // Arrange: two real targets and the product with its real listeners
        var ct = TestContext.Current.CancellationToken;
        await using var first = await EchoBackend.StartAsync(ct);
        await using var second = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: an upstream with active tcp-failure checks every 0.2 s, then its two targets
        await page.GotoAsync("/upstreams");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid='upstream-new']").ClickAsync();
        await FillAsync(page, "upstream-name", "pets-pool");
        await FillAsync(page, "hc-active-healthy-interval", "0.2");
        await FillAsync(page, "hc-active-unhealthy-interval", "0.2");
        await FillAsync(page, "hc-active-tcp-failures", "1");
        await page.Locator("[data-testid='upstream-save']").ClickAsync();
        await page.Locator("[data-testid='target-panel']").WaitForAsync();
        foreach (var port in new[] { first.Port, second.Port })
        {
            var before = await page.Locator("[data-testid='target-row']").CountAsync();
            await FillAsync(page, "target-new-address", "127.0.0.1:" + port);
            await page.Locator("[data-testid='target-add']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid='target-row']")).ToHaveCountAsync(before + 1);
        }

        // Act: the wizard: a new backend naming the upstream, API data, the OpenAPI file, public access
        await page.GotoAsync("/apis/wizard");
        await BrowserSession.WaitForInteractiveAsync(page);
        await FillAsync(page, "wizard-backend-name", "pets-backend");
        await FillAsync(page, "wizard-backend-host", "pets-pool");
        await page.Locator("[data-testid='wizard-next']").ClickAsync();
        await page.Locator("[data-testid='wizard-next']").ClickAsync(); // no backend plugins
        await FillAsync(page, "wizard-api-name", "pets");
        await FillAsync(page, "wizard-api-version", "v1");
        await FillAsync(page, "wizard-api-display-name", "Pets");
        await FillAsync(page, "wizard-api-path", "/pets/v1");
        await page.Locator("[data-testid='wizard-next']").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload file" }).ClickAsync();
        await page.Locator("input[type='file'][data-testid='openapi-file']").SetInputFilesAsync(
            new FilePayload { Name = "pets.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(PetsDocument) });
        await Assertions.Expect(page.Locator("[data-testid='openapi-file-name']")).ToContainTextAsync("pets.json");
        await page.Locator("[data-testid='openapi-preview']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='openapi-operation']")).ToHaveCountAsync(2);
        await page.Locator("[data-testid='wizard-next']").ClickAsync();
        await page.GetByText("Public (callable without credentials)").ClickAsync();
        await Assertions.Expect(page.GetByText("Accepted credential types")).ToBeHiddenAsync();
        await page.Locator("[data-testid='wizard-next']").ClickAsync();
        await page.Locator("[data-testid='wizard-create']").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/apis/\d+$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='api-operation']")).ToHaveCountAsync(2);

        // Act: call an operation through the gateway listener (the config snapshot follows the writes)
        using var http = new HttpClient { BaseAddress = factory.GatewayUri };
        var served = await CallUntilOkAsync(http, "/pets/v1/pets/42", ct);
        using var notAnOperation = await http.GetAsync("/pets/v1/owners", ct);

        // Assert: the call reached a target with the API's prefix removed; other paths are not operations
        Assert.Contains("\"path\":\"/pets/42\"", served, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notAnOperation.StatusCode);
        Assert.Contains("operation_not_found", await notAnOperation.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // Act: stop the first target and watch the Upstreams page
        await page.GotoAsync("/upstreams");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid='upstream-row-name']", new() { HasText = "pets-pool" }).ClickAsync();
        var firstRow = page.Locator("[data-testid='target-row']", new() { HasText = "127.0.0.1:" + first.Port });
        var secondRow = page.Locator("[data-testid='target-row']", new() { HasText = "127.0.0.1:" + second.Port });
        await Assertions.Expect(firstRow.Locator("[data-testid='target-state']")).ToHaveTextAsync("healthy");
        await first.DisposeAsync();

        // Assert: the health view flips by itself (active tcp probe), the other target stays healthy, calls still pass
        await Assertions.Expect(firstRow.Locator("[data-testid='target-state']")).ToHaveTextAsync("unhealthy", new() { Timeout = 15000 });
        await Assertions.Expect(firstRow.Locator("[data-testid='target-probe']")).ToContainTextAsync("connection refused");
        await Assertions.Expect(secondRow.Locator("[data-testid='target-state']")).ToHaveTextAsync("healthy");
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync("/pets/v1/pets", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task FillAsync(IPage page, string testId, string value)
    {
        var field = BrowserSession.Field(page, testId);
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    private static async Task<string> CallUntilOkAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var response = await http.GetAsync(path, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync(deadline.Token);
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
