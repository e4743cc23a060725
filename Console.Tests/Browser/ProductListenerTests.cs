using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>The whole product on its two real listeners: each answers only its own paths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProductListenerTests : IAsyncLifetime
{
    private readonly RealServerFactory _factory = new();
    private EchoBackend? _backend;
    private HttpClient _console = null!;
    private HttpClient _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _backend = await EchoBackend.StartAsync(ct);
        _factory.StartServer();
        _console = new HttpClient { BaseAddress = _factory.ConsoleUri };
        _console.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RealServerFactory.BootstrapToken);
        _gateway = new HttpClient { BaseAddress = _factory.GatewayUri };

        using var created = await _console.PostAsJsonAsync("/admin/api/v1/backends", new { name = "echo", protocol = "http", host = "127.0.0.1", port = _backend.Port }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var backend = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct));
        var backendId = backend.RootElement.GetProperty("id").GetInt32();
        using var api = await _console.PostAsJsonAsync("/admin/api/v1/apis", new { name = "echo", version = "v1", displayName = "Echo", path = "/echo", backendId, status = "active", isPublic = true }, ct);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        await WaitForGatewayAsync("/echo/ready", ct);
    }

    [Fact]
    public async Task Gateway_ApiPath_ReachesBackendWithForwardedHeaders()
    {
        // Act
        using var response = await _gateway.GetAsync("/echo/items?page=2", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/items", body.RootElement.GetProperty("path").GetString());
        Assert.Equal("?page=2", body.RootElement.GetProperty("query").GetString());
    }

    [Theory]
    [InlineData("/echo/items")]
    [InlineData("/echo")]
    public async Task Console_GatewayApiPath_Returns404(string path)
    {
        // Act
        using var response = await _console.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/api/v1/backends")]
    [InlineData("/admin/api/v1/openapi.json")]
    [InlineData("/account/login")]
    [InlineData("/metrics")]
    [InlineData("/backends")]
    public async Task Gateway_ConsolePath_Returns404Problem(string path)
    {
        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RealServerFactory.BootstrapToken);
        using var response = await _gateway.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("route_not_found", body.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_BothListeners_Return200(string path)
    {
        // Act
        using var onConsole = await new HttpClient { BaseAddress = _factory.ConsoleUri }.GetAsync(path, TestContext.Current.CancellationToken);
        using var onGateway = await _gateway.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, onConsole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onGateway.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterProxiedCall_CountsRequestsPerApiAndSnapshotVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using (var call = await _gateway.GetAsync("/echo/counted", ct))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        // Act
        var text = await new HttpClient { BaseAddress = _factory.ConsoleUri }.GetStringAsync("/metrics", ct);

        // Assert
        Assert.Contains("apimanager_gateway_requests_total{api=\"echo\"", text, StringComparison.Ordinal);
        Assert.Contains("_bucket{api=\"echo\"", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_config_version ", text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _console.Dispose();
        _gateway.Dispose();
        await _factory.DisposeAsync();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    private async Task WaitForGatewayAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await _gateway.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"The gateway never routed {path}.");
    }
}
