using System.Net;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.RateLimiting;

/// <summary>The rate-limiting plugin through a real gateway and backend, on a fake clock.</summary>
public sealed class RateLimitingGatewayTests
{
    private const string Password = "Rate-Secret-1";

    [Fact]
    public async Task Call_BeyondTheApisMinuteLimit_429ProblemWithExactHeadersPerClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("limits", ct);
        await using var host = await StartAsync(clock, ct);
        var (api, limited, other) = await CreateApiAsync(host, backend, ct);
        await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Api, api, """{"minute":2,"hour":10}""", ct);
        await host.WaitForConfigAsync(ct);
        clock.Advance(TimeSpan.FromSeconds(15));

        // Act
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await host.Gateway.SendAsync(ClientEnforcementTests.Request("/limited", limited, Password), ct));
        }

        using var otherClient = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/limited", other, Password), ct);

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal("2", Header(responses[0], "X-RateLimit-Limit-Minute"));
        Assert.Equal("1", Header(responses[0], "X-RateLimit-Remaining-Minute"));
        Assert.Equal("10", Header(responses[0], "X-RateLimit-Limit-Hour"));
        Assert.Equal("9", Header(responses[0], "X-RateLimit-Remaining-Hour"));
        Assert.Equal("2", Header(responses[0], "RateLimit-Limit"));
        Assert.Equal("1", Header(responses[0], "RateLimit-Remaining"));
        Assert.Equal("45", Header(responses[0], "RateLimit-Reset"));
        Assert.Equal("0", Header(responses[1], "RateLimit-Remaining"));
        var problem = await ProblemBody.AssertAsync(responses[2], 429, "rate_limit_exceeded", ct);
        Assert.Equal("API rate limit exceeded", problem.Detail);
        Assert.Equal("45", responses[2].Headers.RetryAfter?.ToString());
        Assert.Equal("0", Header(responses[2], "X-RateLimit-Remaining-Minute"));
        Assert.Equal("8", Header(responses[2], "X-RateLimit-Remaining-Hour"));
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Equal("1", Header(otherClient, "RateLimit-Remaining"));
        Assert.Equal(3, backend.RequestCount);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Call_ClientTpsAndPlugin_TheStricterSetsRateLimitHeaders()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("limits", ct);
        await using var host = await StartAsync(clock, ct);
        var (api, tpsOne, tpsFive) = await CreateApiAsync(host, backend, ct, firstTps: 1, secondTps: 5);
        await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Api, api, """{"minute":3}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var tpsStricter = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/limited", tpsOne, Password), ct);
        using var pluginStricter = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/limited", tpsFive, Password), ct);

        // Assert: TPS 1 leaves 0 this second (stricter than 2 left this minute); TPS 5 leaves 4 (the plugin's 2 is stricter).
        Assert.Equal("1", Header(tpsStricter, "RateLimit-Limit"));
        Assert.Equal("0", Header(tpsStricter, "RateLimit-Remaining"));
        Assert.Equal("1", Header(tpsStricter, "RateLimit-Reset"));
        Assert.Equal("2", Header(tpsStricter, "X-RateLimit-Remaining-Minute"));
        Assert.Equal("3", Header(pluginStricter, "RateLimit-Limit"));
        Assert.Equal("2", Header(pluginStricter, "RateLimit-Remaining"));
        Assert.Equal("60", Header(pluginStricter, "RateLimit-Reset"));
    }

    [Fact]
    public async Task Call_GlobalPluginByIpOnAPublicApi_LimitsAnonymousCallers()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("limits", ct);
        await using var host = await StartAsync(clock, ct);
        var backendId = (await host.CreateBackendAsync("limits", backend.Port, ct)).Id;
        await host.CreateApiAsync("open", "/open", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Global, null, """{"second":1,"limit_by":"ip"}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var first = await host.Gateway.GetAsync("/open/a", ct);
        using var second = await host.Gateway.GetAsync("/open/b", ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await host.Gateway.GetAsync("/open/c", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, nextSecond.StatusCode);
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task Call_32ConcurrentCallers_ExactlyTheLimitReachTheBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("limits", ct);
        await using var host = await StartAsync(clock, ct);
        var backendId = (await host.CreateBackendAsync("limits", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("busy", "/busy", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Api, api.Id, """{"minute":20}""", ct);
        await host.WaitForConfigAsync(ct);
        var passed = 0;
        var refused = 0;

        // Act
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await host.Gateway.GetAsync("/busy/x", ct);
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref passed : ref refused);
            }
        }, ct)));

        // Assert
        Assert.Equal(20, passed);
        Assert.Equal(140, refused);
        Assert.Equal(20, backend.RequestCount);
    }

    private static Task<GatewayHost> StartAsync(FakeTimeProvider clock, CancellationToken ct) =>
        GatewayHost.StartAsync(ct, services =>
        {
            services.AddSingleton(new ClientTpsLimiter(clock));
            services.AddSingleton(new RateLimitingDefinition(new LocalRateLimitCounterStore(clock), clock, new GatewayNetworks([], [])));
        });

    private static async Task<(int Api, string First, string Second)> CreateApiAsync(GatewayHost host, TestBackend backend, CancellationToken ct, int firstTps = 0, int secondTps = 0)
    {
        var backendId = (await host.CreateBackendAsync("limits", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("limited", "/limited", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "limited", [api.Id], ct);
        var first = await ClientSeeder.CreateClientAsync(host, "rate-a", Password, [group.Id], ct, c => c.TpsPerNode = firstTps);
        var second = await ClientSeeder.CreateClientAsync(host, "rate-b", Password, [group.Id], ct, c => c.TpsPerNode = secondTps);
        return (api.Id, first.ClientId, second.ClientId);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
