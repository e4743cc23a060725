using System.Net;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.RateLimiting;

/// <summary>A compiled rate-limiting plugin on <see cref="DefaultHttpContext"/> and a fake clock.</summary>
public sealed class RateLimitingPluginTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Noon);

    [Fact]
    public async Task OnRequest_WithinLimits_HeadersForEveryPeriodAndTheStrictest()
    {
        // Arrange
        var plugin = Plugin("""{"minute":3,"hour":100}""");
        _clock.Advance(TimeSpan.FromSeconds(20.5));

        // Act
        var (first, firstHeaders) = await CallAsync(plugin);
        var (second, secondHeaders) = await CallAsync(plugin);

        // Assert
        Assert.True(first.IsContinue);
        Assert.True(second.IsContinue);
        Assert.Equal("3", firstHeaders["X-RateLimit-Limit-Minute"]);
        Assert.Equal("2", firstHeaders["X-RateLimit-Remaining-Minute"]);
        Assert.Equal("100", firstHeaders["X-RateLimit-Limit-Hour"]);
        Assert.Equal("99", firstHeaders["X-RateLimit-Remaining-Hour"]);
        Assert.Equal("3", firstHeaders["RateLimit-Limit"]);
        Assert.Equal("2", firstHeaders["RateLimit-Remaining"]);
        Assert.Equal("40", firstHeaders["RateLimit-Reset"]);
        Assert.Equal("1", secondHeaders["X-RateLimit-Remaining-Minute"]);
        Assert.Equal("98", secondHeaders["X-RateLimit-Remaining-Hour"]);
        Assert.False(firstHeaders.ContainsKey("X-RateLimit-Limit-Second"));
        Assert.False(firstHeaders.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task OnRequest_BeyondTheLimit_429WithRetryAfterAndTheRefusedCallNotCounted()
    {
        // Arrange
        var plugin = Plugin("""{"second":2,"minute":3}""");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await CallAsync(plugin);
        await CallAsync(plugin);

        // Act
        var (refused, headers) = await CallAsync(plugin);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (next, nextHeaders) = await CallAsync(plugin);
        var (last, lastHeaders) = await CallAsync(plugin);

        // Assert: the refusal is not counted in the minute, so the next second still has one call left there.
        Assert.Same(RateLimitErrors.Exceeded, refused.Error);
        Assert.Equal("0", headers["X-RateLimit-Remaining-Second"]);
        Assert.Equal("1", headers["X-RateLimit-Remaining-Minute"]);
        Assert.Equal("2", headers["RateLimit-Limit"]);
        Assert.Equal("0", headers["RateLimit-Remaining"]);
        Assert.Equal("1", headers["RateLimit-Reset"]);
        Assert.Equal("1", headers["Retry-After"]);
        Assert.True(next.IsContinue);
        Assert.Equal("0", nextHeaders["X-RateLimit-Remaining-Minute"]);
        Assert.Equal("1", nextHeaders["X-RateLimit-Remaining-Second"]);
        Assert.Equal("0", nextHeaders["RateLimit-Remaining"]);
        Assert.Equal("3", nextHeaders["RateLimit-Limit"]);
        Assert.Equal("49", nextHeaders["RateLimit-Reset"]);
        Assert.Same(RateLimitErrors.Exceeded, last.Error);
        Assert.Equal("49", lastHeaders["Retry-After"]);
        Assert.Equal("3", lastHeaders["RateLimit-Limit"]);
    }

    [Fact]
    public async Task OnRequest_NextWindow_CountStartsAgain()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1}""");
        await CallAsync(plugin);
        var (refused, _) = await CallAsync(plugin);

        // Act
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (allowed, headers) = await CallAsync(plugin);

        // Assert
        Assert.False(refused.IsContinue);
        Assert.True(allowed.IsContinue);
        Assert.Equal("0", headers["RateLimit-Remaining"]);
    }

    [Fact]
    public async Task OnRequest_MonthLimitAcrossMonthEnd_ResetsOnTheFirst()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2028, 2, 29, 23, 59, 30, TimeSpan.Zero));
        var plugin = Plugin("""{"month":1}""", clock: clock);
        var (first, firstHeaders) = await CallAsync(plugin);
        var (refused, _) = await CallAsync(plugin);

        // Act
        clock.Advance(TimeSpan.FromSeconds(30));
        var (march, _) = await CallAsync(plugin);

        // Assert
        Assert.True(first.IsContinue);
        Assert.Equal("30", firstHeaders["RateLimit-Reset"]);
        Assert.False(refused.IsContinue);
        Assert.True(march.IsContinue);
    }

    [Fact]
    public async Task OnRequest_Consumer_CountsPerClientWhateverTheIp()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1}""");
        var alice = Caller(1, "key-a");
        var bob = Caller(2, "key-b");

        // Act
        var (aliceFirst, _) = await CallAsync(plugin, alice, ip: "10.0.0.1");
        var (aliceOtherIp, _) = await CallAsync(plugin, alice, ip: "10.0.0.2");
        var (bobFirst, _) = await CallAsync(plugin, bob, ip: "10.0.0.1");

        // Assert
        Assert.True(aliceFirst.IsContinue);
        Assert.False(aliceOtherIp.IsContinue);
        Assert.True(bobFirst.IsContinue);
    }

    [Fact]
    public async Task OnRequest_ConsumerWithoutCaller_FallsBackToTheIp()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1}""");

        // Act
        var (first, _) = await CallAsync(plugin, ip: "10.0.0.1");
        var (sameIp, _) = await CallAsync(plugin, ip: "10.0.0.1");
        var (otherIp, _) = await CallAsync(plugin, ip: "10.0.0.2");

        // Assert
        Assert.True(first.IsContinue);
        Assert.False(sameIp.IsContinue);
        Assert.True(otherIp.IsContinue);
    }

    [Fact]
    public async Task OnRequest_Credential_CountsPerCredentialOfTheSameClient()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"limit_by":"credential"}""");

        // Act
        var (keyA, _) = await CallAsync(plugin, Caller(1, "key-a"));
        var (keyB, _) = await CallAsync(plugin, Caller(1, "key-b"));
        var (keyAAgain, _) = await CallAsync(plugin, Caller(1, "key-a"));
        var (noCredential, _) = await CallAsync(plugin, Caller(1, null), ip: "10.0.0.9");
        var (sameIp, _) = await CallAsync(plugin, ip: "10.0.0.9");

        // Assert: a caller without a credential id falls back to its IP.
        Assert.True(keyA.IsContinue);
        Assert.True(keyB.IsContinue);
        Assert.False(keyAAgain.IsContinue);
        Assert.True(noCredential.IsContinue);
        Assert.False(sameIp.IsContinue);
    }

    [Fact]
    public async Task OnRequest_Ip_CountsPerAddressAcrossClients()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"limit_by":"ip"}""");

        // Act
        var (alice, _) = await CallAsync(plugin, Caller(1, "key-a"), ip: "2001:db8::1");
        var (bob, _) = await CallAsync(plugin, Caller(2, "key-b"), ip: "2001:db8::1");

        // Assert
        Assert.True(alice.IsContinue);
        Assert.False(bob.IsContinue);
    }

    [Fact]
    public async Task OnRequest_Header_CountsPerValueAndFallsBackToTheIp()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"limit_by":"header","header_name":"X-Tenant"}""");

        // Act
        var (tenantA, _) = await CallAsync(plugin, tenant: "a");
        var (tenantB, _) = await CallAsync(plugin, tenant: "b");
        var (tenantAAgain, _) = await CallAsync(plugin, tenant: "a");
        var (noHeader, _) = await CallAsync(plugin, ip: "10.0.0.5");
        var (noHeaderAgain, _) = await CallAsync(plugin, ip: "10.0.0.5");

        // Assert
        Assert.True(tenantA.IsContinue);
        Assert.True(tenantB.IsContinue);
        Assert.False(tenantAAgain.IsContinue);
        Assert.True(noHeader.IsContinue);
        Assert.False(noHeaderAgain.IsContinue);
    }

    [Fact]
    public async Task OnRequest_Path_LimitsOnlyThatPathForEveryone()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"limit_by":"path","path":"/shop/orders"}""");

        // Act
        var (first, _) = await CallAsync(plugin, Caller(1, "a"), path: "/shop/orders");
        var (otherClient, _) = await CallAsync(plugin, Caller(2, "b"), path: "/shop/orders");
        var (otherPath, otherHeaders) = await CallAsync(plugin, Caller(2, "b"), path: "/shop/items");

        // Assert
        Assert.True(first.IsContinue);
        Assert.False(otherClient.IsContinue);
        Assert.True(otherPath.IsContinue);
        Assert.False(otherHeaders.ContainsKey("RateLimit-Limit"));
    }

    [Fact]
    public async Task OnRequest_HideClientHeaders_NoRateLimitHeadersButRetryAfterOn429()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"hide_client_headers":true}""");

        // Act
        var (allowed, allowedHeaders) = await CallAsync(plugin);
        var (refused, refusedHeaders) = await CallAsync(plugin);

        // Assert
        Assert.True(allowed.IsContinue);
        Assert.Empty(allowedHeaders);
        Assert.False(refused.IsContinue);
        Assert.Equal("Retry-After", Assert.Single(refusedHeaders).Key);
    }

    [Fact]
    public async Task OnRequest_StoreFailsAndFaultTolerant_CallPassesWithoutHeaders()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1}""", new FailingStore());

        // Act
        var (verdict, headers) = await CallAsync(plugin);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Empty(headers);
    }

    [Fact]
    public async Task OnRequest_StoreFailsAndNotFaultTolerant_500()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1,"fault_tolerant":false}""", new FailingStore());

        // Act
        var (verdict, _) = await CallAsync(plugin);

        // Assert
        Assert.Same(RateLimitErrors.StoreFailed, verdict.Error);
        Assert.Equal(500, verdict.Error!.Status);
    }

    [Fact]
    public async Task OnRequest_StoreAnswersAsynchronously_SameDecisions()
    {
        // Arrange
        var store = new AsyncStore(new LocalRateLimitCounterStore(_clock));
        var plugin = Plugin("""{"second":1,"minute":5}""", store);

        // Act
        var (first, headers) = await CallAsync(plugin);
        var (second, refusedHeaders) = await CallAsync(plugin);

        // Assert
        Assert.True(first.IsContinue);
        Assert.Equal("4", headers["X-RateLimit-Remaining-Minute"]);
        Assert.Same(RateLimitErrors.Exceeded, second.Error);
        Assert.Equal("4", refusedHeaders["X-RateLimit-Remaining-Minute"]);
        Assert.All(store.Keys, k => Assert.Equal(RateLimitWindows.Start(k.Period, _clock.GetUtcNow().UtcTicks), k.WindowStart));
    }

    [Fact]
    public async Task OnRequest_ClientTpsStricter_TpsRateLimitHeadersKept()
    {
        // Arrange
        var plugin = Plugin("""{"minute":10}""");
        var context = Context(null, "10.0.0.1", "/x", null);
        context.Response.Headers["RateLimit-Limit"] = "2";
        context.Response.Headers["RateLimit-Remaining"] = "1";
        context.Response.Headers["RateLimit-Reset"] = "1";

        // Act
        var verdict = await plugin.OnRequestAsync(context, null!, null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal("2", context.Response.Headers["RateLimit-Limit"]);
        Assert.Equal("1", context.Response.Headers["RateLimit-Remaining"]);
        Assert.Equal("9", context.Response.Headers["X-RateLimit-Remaining-Minute"]);
    }

    [Fact]
    public async Task OnRequest_PluginStricterThanTps_PluginHeadersReplaceThem()
    {
        // Arrange
        var plugin = Plugin("""{"minute":1}""");
        var context = Context(null, "10.0.0.1", "/x", null);
        context.Response.Headers["RateLimit-Limit"] = "5";
        context.Response.Headers["RateLimit-Remaining"] = "4";
        context.Response.Headers["RateLimit-Reset"] = "1";

        // Act
        await plugin.OnRequestAsync(context, null!, null);

        // Assert
        Assert.Equal("1", context.Response.Headers["RateLimit-Limit"]);
        Assert.Equal("0", context.Response.Headers["RateLimit-Remaining"]);
        Assert.Equal("60", context.Response.Headers["RateLimit-Reset"]);
    }

    [Fact]
    public async Task OnRequest_32ConcurrentCallers_ExactlyTheLimitAllowed()
    {
        // Arrange
        const int Limit = 50;
        var store = new LocalRateLimitCounterStore(_clock);
        var plugin = Plugin("""{"hour":50}""", store);
        var caller = Caller(1, "key");
        var allowed = 0;
        using var start = new ManualResetEventSlim();

        // Act
        var workers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            for (var i = 0; i < 5; i++)
            {
                var verdict = await plugin.OnRequestAsync(Context(caller, "10.0.0.1", "/x", null), null!, caller);
                if (verdict.IsContinue)
                {
                    Interlocked.Increment(ref allowed);
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(workers);

        // Assert
        Assert.Equal(Limit, allowed);
        var (after, headers) = await CallAsync(plugin, caller);
        Assert.False(after.IsContinue);
        Assert.Equal("0", headers["RateLimit-Remaining"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OnRequest_SteadyState_AllocatesNothing(bool withCaller)
    {
        // Arrange: counts stay below 1024, so every header value is a cached string.
        var plugin = Plugin("""{"second":1000,"minute":1000,"hour":1000}""");
        var caller = withCaller ? Caller(1, "key") : null;
        var context = Context(caller, "192.0.2.7", "/x", null);
        for (var i = 0; i < 10; i++)
        {
            await plugin.OnRequestAsync(context, null!, caller);
        }

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            var pending = plugin.OnRequestAsync(context, null!, caller);
            Assert.True(pending.IsCompletedSuccessfully);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Sweep_WindowsEnded_CountersRemoved()
    {
        // Arrange
        var store = new LocalRateLimitCounterStore(_clock);
        await store.AddAsync(new RateLimitCounterKey(1, RateLimitPeriod.Second, 0, RateLimitIdentifierKind.Ip, "a"), 1, Noon.UtcTicks + TimeSpan.TicksPerSecond);
        await store.AddAsync(new RateLimitCounterKey(1, RateLimitPeriod.Hour, 0, RateLimitIdentifierKind.Ip, "a"), 1, Noon.UtcTicks + TimeSpan.TicksPerHour);

        // Act
        _clock.Advance(TimeSpan.FromSeconds(2));
        store.Sweep();

        // Assert
        Assert.Equal(1, store.Count);
    }

    private RateLimitingPlugin Plugin(string json, IRateLimitCounterStore? store = null, TimeProvider? clock = null)
    {
        var definition = RateLimitingDefinitionTests.Definition(store, clock ?? _clock);
        var compilation = RateLimitingDefinitionTests.Compile(json, definition);
        return Assert.IsType<RateLimitingPlugin>(compilation.Plugin);
    }

    private static CallerFeature Caller(int clientId, string? credentialId) =>
        new(ClientRowsFactory.Entry(clientId), CredentialTypes.XApiKey, credentialId, null);

    private static DefaultHttpContext Context(CallerFeature? caller, string ip, string path, string? tenant)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        context.Request.Path = path;
        if (tenant is not null)
        {
            context.Request.Headers["X-Tenant"] = tenant;
        }

        if (caller is not null)
        {
            context.Features.Set(caller);
        }

        return context;
    }

    private static async Task<(PluginVerdict Verdict, Dictionary<string, string> Headers)> CallAsync(
        RateLimitingPlugin plugin, CallerFeature? caller = null, string ip = "192.0.2.1", string path = "/x", string? tenant = null)
    {
        var context = Context(caller, ip, path, tenant);
        var verdict = await plugin.OnRequestAsync(context, null!, caller);
        return (verdict, context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }

    private sealed class FailingStore : IRateLimitCounterStore
    {
        public ValueTask<long> AddAsync(in RateLimitCounterKey key, long delta, long windowEndTicks) =>
            throw new InvalidOperationException("The counter store is down.");
    }

    private sealed class AsyncStore(IRateLimitCounterStore inner) : IRateLimitCounterStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<RateLimitCounterKey> Keys { get; } = new();

        public ValueTask<long> AddAsync(in RateLimitCounterKey key, long delta, long windowEndTicks)
        {
            Keys.Enqueue(key);
            return AddLaterAsync(key, delta, windowEndTicks);
        }

        private async ValueTask<long> AddLaterAsync(RateLimitCounterKey key, long delta, long windowEndTicks)
        {
            await Task.Yield();
            return await inner.AddAsync(key, delta, windowEndTicks);
        }
    }
}
