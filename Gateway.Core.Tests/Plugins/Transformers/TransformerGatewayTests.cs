using System.Net;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Plugins.Cors;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>Stored request- and response-transformers through a real gateway and backend.</summary>
public sealed class TransformerGatewayTests
{
    [Fact]
    public async Task Call_RequestTransformer_BackendSeesTransformedHeadersAndQuery()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("tr", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("tr", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("tr", "/tr", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.RequestTransformer, PluginScope.Api, api.Id, """
            {"remove":{"headers":["X-Remove"],"querystring":["secret"]},
             "rename":{"headers":["X-Old:X-New"],"querystring":["q:query"]},
             "replace":{"headers":["X-Replace:new","X-Absent:never"],"querystring":["page:1"]},
             "add":{"headers":["X-Added:yes","X-Replace:not-added","X-Consumer-ID:set-by-transformer"],"querystring":["lang:en"]},
             "append":{"headers":["X-Multi:second"],"querystring":["tag:b"]}}
            """, ct);
        await host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tr/items?secret=s&q=cats&page=5&tag=a");
        request.Headers.Add("X-Remove", "1");
        request.Headers.Add("X-Old", "old-value");
        request.Headers.Add("X-Replace", "old");
        request.Headers.Add("X-Multi", "first");

        // Act
        using var response = await host.Gateway.SendAsync(request, ct);
        var echo = await EchoResponse.ReadAsync(response, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/items", echo.Path);
        Assert.Equal("?query=cats&page=1&tag=a&lang=en&tag=b", echo.Query);
        Assert.Null(echo.Header("X-Remove"));
        Assert.Null(echo.Header("X-Old"));
        Assert.Equal("old-value", echo.Header("X-New"));
        Assert.Equal("new", echo.Header("X-Replace"));
        Assert.Null(echo.Header("X-Absent"));
        Assert.Equal("yes", echo.Header("X-Added"));
        Assert.Equal("first, second", echo.Header("X-Multi")); // two values, joined by the HTTP client
        Assert.Equal("set-by-transformer", echo.Header("X-Consumer-ID")); // Kong lets a transformer set any header, the gateway's own included.
    }

    [Fact]
    public async Task Call_ResponseTransformer_AppliedToBackendAnswersAndGatewayErrors()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("tr", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("tr", backend.Port, ct)).Id;
        await host.CreateApiAsync("open", "/open", backendId, ct);
        await host.CreateApiAsync("closed", "/closed", backendId, ct, i => i with { IsPublic = false });
        await PluginSeeder.AddAsync(host, PluginType.ResponseTransformer, PluginScope.Backend, backendId, """
            {"rename":{"headers":["X-Request-Id:X-Trace-Id"]},"replace":{"headers":["Content-Type:text/plain"]},"add":{"headers":["X-Added:1"]},"append":{"headers":["X-Added:2"]}}
            """, ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var passed = await host.Gateway.GetAsync("/open/x", ct);
        using var refused = await host.Gateway.GetAsync("/closed/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var response in new[] { passed, refused })
        {
            Assert.Equal("1,2", CorsGatewayTests.Header(response, "X-Added"));
            Assert.Null(CorsGatewayTests.Header(response, "X-Request-Id"));
            Assert.False(string.IsNullOrEmpty(CorsGatewayTests.Header(response, "X-Trace-Id")));
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Call_CorsAndResponseTransformer_TransformerSeesCorsHeaders()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("tr", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("tr", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("tr", "/tr", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Api, api.Id, """{"exposed_headers":["X-Total"]}""", ct);
        await PluginSeeder.AddAsync(host, PluginType.ResponseTransformer, PluginScope.Global, null, """{"append":{"headers":["Access-Control-Expose-Headers:X-Page"]}}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var response = await host.Gateway.SendAsync(CorsGatewayTests.WithOrigin(HttpMethod.Get, "/tr/x", "https://app.example.com"), ct);

        // Assert
        Assert.Equal("*", CorsGatewayTests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["X-Total", "X-Page"], response.Headers.GetValues("Access-Control-Expose-Headers"));
    }
}
