using System.Net;
using System.Text;
using ApiManager.Admin.Components.Pages.ApiTest;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis.Testing;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Management;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Components.ApiTest;

/// <summary>The API Test page over the real service, sending through a recording handler instead of a gateway socket.</summary>
public sealed class ApiTestPageTests : AdminTestContext
{
    private readonly RecordingHandler _handler = new();

    public ApiTestPageTests()
    {
        Services.AddSingleton(sp => new ApiTestClient(sp.GetRequiredService<ListenerAddresses>(), sp.GetRequiredService<IOptions<GatewayOptions>>(), _handler));
    }

    [Fact]
    public async Task Send_FreePathWithQueryAndHeader_ShowsStatusHeadersAndBody()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        Services.GetRequiredService<ApiTestService>().TraceWait = TimeSpan.Zero;
        var cut = RenderFor(api.Id);
        cut.WaitForElement("[data-testid=apitest-path]");
        cut.Find("[data-testid=apitest-path]").Change("/items");
        await cut.Find("[data-testid=apitest-query-add]").ClickAsync(new());
        cut.Find("[data-testid=apitest-query-name]").Change("q");
        cut.Find("[data-testid=apitest-query-value]").Change("red shoes");
        await cut.Find("[data-testid=apitest-headers-add]").ClickAsync(new());
        cut.Find("[data-testid=apitest-headers-name]").Change("X-Demo");
        cut.Find("[data-testid=apitest-headers-value]").Change("yes");

        // Act
        await cut.Find("[data-testid=apitest-send]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("200", cut.Find("[data-testid=apitest-status]").GetAttribute("data-status")));
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal("GET", sent.Method.Method);
        Assert.Equal("http://127.0.0.1:8080/shop/items?q=red%20shoes", sent.RequestUri!.AbsoluteUri);
        Assert.Equal("yes", sent.Headers.GetValues("X-Demo").Single());
        Assert.Contains("\"ok\": true", cut.Find("[data-testid=apitest-response-body]").TextContent, StringComparison.Ordinal);
        Assert.Contains("X-From", cut.Find("[data-testid=apitest-response-headers]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=apitest-no-trace]"));
    }

    [Fact]
    public async Task Send_MissingPathParameter_FieldErrorAndNothingSent()
    {
        // Arrange
        var api = await CreateApiAsync("users", (await CreateBackendAsync("orders")).Id, "/users/{id}");
        var cut = RenderFor(api.Id);
        cut.WaitForElement("[data-testid=apitest-param-id]");

        // Act
        await cut.Find("[data-testid=apitest-send]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("A value for {id} is required.", FieldErrorOf(cut, "apitest-param-id")));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Send_HopByHopHeader_FieldErrorOnHeaderRow()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        var cut = RenderFor(api.Id);
        cut.WaitForElement("[data-testid=apitest-headers-add]");
        await cut.Find("[data-testid=apitest-headers-add]").ClickAsync(new());
        cut.Find("[data-testid=apitest-headers-name]").Change("Connection");
        cut.Find("[data-testid=apitest-headers-value]").Change("close");

        // Act
        await cut.Find("[data-testid=apitest-send]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("set by the HTTP client", FieldErrorOf(cut, "apitest-headers-name"), StringComparison.Ordinal));
        Assert.Empty(_handler.Requests);
    }

    private IRenderedComponent<ApiTestPage> RenderFor(int apiId)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/api-test?apiId={apiId}");
        return Render<ApiTestPage>();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", Encoding.UTF8, "application/json") };
            response.Headers.Add("X-From", "fake");
            return Task.FromResult(response);
        }
    }
}
