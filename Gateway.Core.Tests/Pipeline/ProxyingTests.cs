using System.Net;
using System.Net.Sockets;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Pipeline;

/// <summary>Requests through a real gateway host to a real Kestrel backend.</summary>
public sealed class ProxyingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Proxy_PrefixWithStripPath_ForwardsRemainderAndQuery()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("shop");
        await Host.CreateApiAsync(name, $"/{name}/v1", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/v1/items/42?color=red&size=L", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("/items/42", echo.Path);
        Assert.Equal("?color=red&size=L", echo.Query);
    }

    [Fact]
    public async Task Proxy_PrefixWithoutStripPath_ForwardsWholePath()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("keep");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { StripPath = false });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/a/b?x=1", ct);

        // Assert
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal($"/{name}/a/b", echo.Path);
        Assert.Equal("?x=1", echo.Query);
    }

    [Fact]
    public async Task Proxy_StripPathWithBackendBasePath_PrependsBasePath()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("based");
        var backend = await Host.CreateBackendAsync(name, fixture.Backend.Port, ct, basePath: "/internal/api/");
        await Host.CreateApiAsync(name, $"/{name}/v2", backend.Id, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var nested = await Host.Gateway.GetAsync($"/{name}/v2/orders/7", ct);
        using var root = await Host.Gateway.PostAsync($"/{name}/v2", new StringContent("{}"), ct);

        // Assert
        Assert.Equal("/internal/api/orders/7", (await EchoResponse.ReadAsync(nested, ct)).Path);
        var rootEcho = await EchoResponse.ReadAsync(root, ct);
        Assert.Equal("/internal/api", rootEcho.Path);
        Assert.Equal("POST", rootEcho.Method);
    }

    [Fact]
    public async Task Proxy_Template_ForwardsRequestPathUnderBasePath()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("users");
        var backend = await Host.CreateBackendAsync(name, fixture.Backend.Port, ct, basePath: "/svc");
        await Host.CreateApiAsync(name, $"/{name}/{{id}}/orders", backend.Id, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var match = await Host.Gateway.GetAsync($"/{name}/17/orders?page=2", ct);
        using var deeper = await Host.Gateway.GetAsync($"/{name}/17/orders/3", ct);

        // Assert
        var echo = await EchoResponse.ReadAsync(match, ct);
        Assert.Equal($"/svc/{name}/17/orders", echo.Path);
        Assert.Equal("?page=2", echo.Query);
        await ProblemBody.AssertAsync(deeper, 404, "route_not_found", ct);
    }

    [Fact]
    public async Task Proxy_StripPath_BackendSeesForwardedHeadersAndRemovedPrefix()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("fwd");
        await Host.CreateApiAsync(name, $"/{name}/v1", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/v1/x");
        request.Headers.Add("X-Forwarded-For", "10.9.9.9");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal(Host.Gateway.BaseAddress!.Authority, echo.Header("X-Forwarded-Host"));
        Assert.Equal($"/{name}/v1", echo.Header("X-Forwarded-Prefix"));
    }

    [Fact]
    public async Task Proxy_NoStripPath_ClientForwardedPrefixIsRemoved()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("nofwd");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { StripPath = false });
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/x");
        request.Headers.Add("X-Forwarded-Prefix", "/spoofed");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Null(echo.Header("X-Forwarded-Prefix"));
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Proxy_NoIncomingRequestId_GeneratesOneAndForwardsIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("rid");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var first = await Host.Gateway.GetAsync($"/{name}/a", ct);
        using var second = await Host.Gateway.GetAsync($"/{name}/a", ct);

        // Assert
        var id = Assert.Single(first.Headers.GetValues("X-Request-Id"));
        Assert.True(RequestIds.IsWellFormed(id));
        Assert.Equal(id, (await EchoResponse.ReadAsync(first, ct)).Header("X-Request-Id"));
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("X-Request-Id")));
    }

    [Theory]
    [InlineData("abc-123_X.y", "abc-123_X.y")]
    [InlineData("has space", null)]
    [InlineData("semi;colon", null)]
    public async Task Proxy_IncomingRequestId_KeptWhenWellFormedElseReplaced(string incoming, string? expected)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("ridin");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/a");
        request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(id, (await EchoResponse.ReadAsync(response, ct)).Header("X-Request-Id"));
        if (expected is null)
        {
            Assert.NotEqual(incoming, id);
            Assert.True(RequestIds.IsWellFormed(id));
        }
        else
        {
            Assert.Equal(expected, id);
        }
    }

    [Fact]
    public async Task Proxy_IncomingRequestIdTooLong_IsReplaced()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("ridlong");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/a");
        request.Headers.Add("X-Request-Id", new string('a', 129));

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.True(id.Length < 129);
    }

    [Fact]
    public async Task Proxy_BackendEchoesRequestId_ResponseCarriesItOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("ridecho");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/a");
        request.Headers.Add(TestBackend.EchoRequestIdHeader, "1");
        request.Headers.Add("X-Request-Id", "client-id-1");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("client-id-1", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task Proxy_MethodNotAllowed_Answers405ProblemWithAllowHeader()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("getonly");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { Methods = ["get", "HEAD"] });
        await Host.WaitForConfigAsync(ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var allowed = await Host.Gateway.GetAsync($"/{name}/x", ct);
        using var refused = await Host.Gateway.DeleteAsync($"/{name}/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ProblemBody.AssertAsync(refused, 405, "method_not_allowed", ct);
        Assert.Equal(["GET", "HEAD"], refused.Content.Headers.Allow);
        Assert.Equal(before + 1, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Proxy_InactiveApi_Answers503WithoutCallingBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("off");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { Status = ApiStatus.Inactive });
        await Host.WaitForConfigAsync(ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/x", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 503, "api_inactive", ct);
        Assert.Equal(before, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Proxy_DeprecatedApi_ForwardsWithDeprecationHeader()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("old");
        var api = await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { Status = ApiStatus.Deprecated });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = "@" + new DateTimeOffset(DateTime.SpecifyKind(api.UpdatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds();
        Assert.Equal(expected, Assert.Single(response.Headers.GetValues("Deprecation")));
    }

    [Fact]
    public async Task Proxy_ActiveApi_HasNoDeprecationHeader()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("fresh");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Deprecation"));
    }

    [Theory]
    [InlineData("GET", "/no-such-api/anything")]
    [InlineData("POST", "/")]
    [InlineData("GET", "/metrics")]
    public async Task Proxy_UnknownPath_Answers404RouteNotFound(string method, string path)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var response = await Host.Gateway.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 404, "route_not_found", ct);
    }

    [Fact]
    public async Task Proxy_HeadOnUnknownPath_Answers404WithoutBody()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var response = await Host.Gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-api"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(ct));
    }

    [Fact]
    public async Task Proxy_UnreachableBackend_Answers502BadGateway()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("down");
        var backend = await Host.CreateBackendAsync(name, ClosedPort(), ct);
        await Host.CreateApiAsync(name, $"/{name}", backend.Id, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"/{name}/x", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 502, "bad_gateway", ct);
    }

    [Fact]
    public async Task Proxy_BackendSlowerThanReadTimeout_Answers504GatewayTimeout()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("slow");
        var backend = await Host.CreateBackendAsync(name, fixture.Backend.Port, ct, readTimeoutMs: 300);
        await Host.CreateApiAsync(name, $"/{name}", backend.Id, ct);
        await Host.WaitForConfigAsync(ct);
        using var slow = new HttpRequestMessage(HttpMethod.Get, $"/{name}/x");
        slow.Headers.Add(TestBackend.DelayHeader, "5000");
        using var quick = new HttpRequestMessage(HttpMethod.Get, $"/{name}/x");
        quick.Headers.Add(TestBackend.DelayHeader, "10");

        // Act
        using var timedOut = await Host.Gateway.SendAsync(slow, ct);
        using var inTime = await Host.Gateway.SendAsync(quick, ct);

        // Assert
        await ProblemBody.AssertAsync(timedOut, 504, "gateway_timeout", ct);
        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
    }

    [Fact]
    public async Task Proxy_BackendErrorStatus_IsPassedThroughUnchanged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("err");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{name}/x");
        request.Headers.Add(TestBackend.StatusHeader, "503");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
