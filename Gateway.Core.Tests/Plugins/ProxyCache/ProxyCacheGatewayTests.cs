using System.Net;
using System.Text;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.ProxyCache;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.ProxyCache;

/// <summary>The proxy cache through a real gateway and backend: the backend's request count proves hits.</summary>
public sealed class ProxyCacheGatewayTests
{
    [Fact]
    public async Task Call_SameRequestTwice_MissThenHitFromMemoryWithAge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("cache", ct);
        await using var host = await StartAsync(clock, ct);
        await CreateAsync(host, backend, """{"ttl":60}""", ct);

        // Act
        using var miss = await host.Gateway.GetAsync("/cached/items?b=2&a=1", ct);
        var missBody = await miss.Content.ReadAsStringAsync(ct);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var hit = await host.Gateway.GetAsync("/cached/items?a=1&b=2", ct);
        var hitBody = await hit.Content.ReadAsStringAsync(ct);
        using var otherQuery = await host.Gateway.GetAsync("/cached/items?a=2", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Equal("Miss", Header(miss, "X-Cache-Status"));
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal("Hit", Header(hit, "X-Cache-Status"));
        Assert.Equal("5", Header(hit, "Age"));
        Assert.Equal(missBody, hitBody);
        Assert.Equal("application/json", hit.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(Header(miss, "X-Request-Id"), Header(hit, "X-Request-Id"));
        Assert.Equal("Miss", Header(otherQuery, "X-Cache-Status"));
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task Call_AfterTtl_BackendAskedAgain()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("cache", ct);
        await using var host = await StartAsync(clock, ct);
        await CreateAsync(host, backend, """{"ttl":30}""", ct);
        (await host.Gateway.GetAsync("/cached/x", ct)).Dispose();

        // Act
        clock.Advance(TimeSpan.FromSeconds(29));
        using var fresh = await host.Gateway.GetAsync("/cached/x", ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await host.Gateway.GetAsync("/cached/x", ct);

        // Assert
        Assert.Equal("Hit", Header(fresh, "X-Cache-Status"));
        Assert.Equal("Miss", Header(expired, "X-Cache-Status"));
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task Call_NotCacheableRequestsOrResponses_BypassOrMissEveryTime()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("cache", ct);
        await using var host = await StartAsync(clock, ct);
        await CreateAsync(host, backend, "{}", ct);

        // Act
        var statuses = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            using var post = await host.Gateway.PostAsync("/cached/x", new StringContent("{}", Encoding.UTF8, "application/json"), ct);
            statuses.Add(Header(post, "X-Cache-Status"));
            using var noStore = new HttpRequestMessage(HttpMethod.Get, "/cached/x");
            noStore.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoStore = true };
            using var noStoreResponse = await host.Gateway.SendAsync(noStore, ct);
            statuses.Add(Header(noStoreResponse, "X-Cache-Status"));
            using var notFound = new HttpRequestMessage(HttpMethod.Get, "/cached/missing");
            notFound.Headers.Add(TestBackend.StatusHeader, "404");
            using var notFoundResponse = await host.Gateway.SendAsync(notFound, ct);
            statuses.Add(Header(notFoundResponse, "X-Cache-Status"));
        }

        // Assert
        Assert.Equal(["Bypass", "Bypass", "Miss", "Bypass", "Bypass", "Miss"], statuses);
        Assert.Equal(6, backend.RequestCount);
    }

    [Fact]
    public async Task Call_PostWithCachePostBody_SameBodyHitsOtherBodyMisses()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("cache", ct);
        await using var host = await StartAsync(clock, ct);
        await CreateAsync(host, backend, """{"request_method":["GET","POST"],"cache_post_body":true}""", ct);

        // Act
        using var first = await host.Gateway.PostAsync("/cached/search", new StringContent("""{"q":"a"}""", Encoding.UTF8, "application/json"), ct);
        using var same = await host.Gateway.PostAsync("/cached/search", new StringContent("""{"q":"a"}""", Encoding.UTF8, "application/json"), ct);
        using var other = await host.Gateway.PostAsync("/cached/search", new StringContent("""{"q":"b"}""", Encoding.UTF8, "application/json"), ct);

        // Assert
        Assert.Equal("Miss", Header(first, "X-Cache-Status"));
        Assert.Equal("Hit", Header(same, "X-Cache-Status"));
        Assert.Equal("Miss", Header(other, "X-Cache-Status"));
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task PurgeApi_CachedResponses_NextCallMisses()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("cache", ct);
        await using var host = await StartAsync(clock, ct);
        var apiId = await CreateAsync(host, backend, "{}", ct);
        (await host.Gateway.GetAsync("/cached/a", ct)).Dispose();
        (await host.Gateway.GetAsync("/cached/b", ct)).Dispose();

        // Act
        var purged = host.Services.GetRequiredService<IProxyCacheStore>().PurgeApi(apiId);
        using var after = await host.Gateway.GetAsync("/cached/a", ct);

        // Assert
        Assert.Equal(2, purged);
        Assert.Equal("Miss", Header(after, "X-Cache-Status"));
        Assert.Equal(3, backend.RequestCount);
    }

    [Fact]
    public async Task Call_BackendDown_502ProblemThroughTheCaptureAndNothingStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var backend = await TestBackend.StartAsync("gone", ct);
        await using var host = await StartAsync(clock, ct);
        var apiId = await CreateAsync(host, backend, "{}", ct);
        await backend.DisposeAsync();

        // Act
        using var first = await host.Gateway.GetAsync("/cached/x", ct);
        using var second = await host.Gateway.GetAsync("/cached/x", ct);

        // Assert
        await ProblemBody.AssertAsync(first, 502, "bad_gateway", ct);
        Assert.Equal("Miss", Header(first, "X-Cache-Status"));
        Assert.Equal("Miss", Header(second, "X-Cache-Status"));
        Assert.Equal(0, host.Services.GetRequiredService<IProxyCacheStore>().PurgeApi(apiId));
    }

    private static Task<GatewayHost> StartAsync(FakeTimeProvider clock, CancellationToken ct) =>
        GatewayHost.StartAsync(ct, services =>
        {
            var store = new ProxyCacheStore(clock, ProxyCacheStore.DefaultCapacityBytes);
            services.AddSingleton(store);
            services.AddSingleton<IProxyCacheStore>(store);
            services.AddSingleton(new ProxyCacheDefinition(store, clock));
        });

    private static async Task<int> CreateAsync(GatewayHost host, TestBackend backend, string configuration, CancellationToken ct)
    {
        var backendId = (await host.CreateBackendAsync("cache", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("cached", "/cached", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.ProxyCache, PluginScope.Api, api.Id, configuration, ct);
        await host.WaitForConfigAsync(ct);
        return api.Id;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
