using System.Collections.Frozen;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>TPS/Node windows on a fake clock: the limit, the per-second reset, independence of clients, exact counting.</summary>
public sealed class ClientTpsLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 500, TimeSpan.Zero));

    [Fact]
    public void Acquire_WithinAndBeyondLimit_RemainingCountsDownThenRefused()
    {
        // Arrange
        var limiter = new ClientTpsLimiter(_clock);
        var client = Client(1, tps: 3);

        // Act
        var decisions = Enumerable.Range(0, 5).Select(_ => limiter.Acquire(client)).ToList();

        // Assert
        Assert.Equal([true, true, true, false, false], decisions.Select(d => d.Allowed));
        Assert.Equal([2, 1, 0, 0, 0], decisions.Select(d => d.Remaining));
        Assert.All(decisions, d => Assert.Equal(3, d.Limit));
    }

    [Fact]
    public void Acquire_NextSecond_WindowStartsAfresh()
    {
        // Arrange
        var limiter = new ClientTpsLimiter(_clock);
        var client = Client(1, tps: 1);
        limiter.Acquire(client);
        var refused = limiter.Acquire(client);

        // Act: the window is the clock's second, so 500 ms later is the next one.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        var next = limiter.Acquire(client);

        // Assert
        Assert.False(refused.Allowed);
        Assert.True(next.Allowed);
        Assert.Equal(0, next.Remaining);
    }

    [Fact]
    public void Acquire_ZeroLimit_UnlimitedAndNoHeaders()
    {
        // Arrange
        var limiter = new ClientTpsLimiter(_clock);
        var client = Client(1, tps: 0);
        var context = new DefaultHttpContext();

        // Act
        var decisions = Enumerable.Range(0, 1000).Select(_ => limiter.Acquire(client)).ToList();
        ClientTpsLimiter.AddHeaders(context.Response, decisions[^1]);

        // Assert
        Assert.All(decisions, d => Assert.True(d.Allowed));
        Assert.Empty(context.Response.Headers);
    }

    [Fact]
    public void Acquire_TwoClients_CountedSeparately()
    {
        // Arrange
        var limiter = new ClientTpsLimiter(_clock);
        var first = Client(1, tps: 1);
        var second = Client(2, tps: 1);

        // Act
        limiter.Acquire(first);
        var firstAgain = limiter.Acquire(first);
        var secondOnce = limiter.Acquire(second);

        // Assert
        Assert.False(firstAgain.Allowed);
        Assert.True(secondOnce.Allowed);
    }

    [Fact]
    public async Task Acquire_ConcurrentCallers_ExactlyTheLimitPass()
    {
        // Arrange
        var limiter = new ClientTpsLimiter(_clock);
        var client = Client(1, tps: 50);
        var allowed = 0;

        // Act
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (limiter.Acquire(client).Allowed)
                {
                    Interlocked.Increment(ref allowed);
                }
            }
        }, TestContext.Current.CancellationToken)));

        // Assert
        Assert.Equal(50, allowed);
    }

    [Fact]
    public void AddHeaders_RefusedCall_RateLimitHeadersAndRetryAfter()
    {
        // Arrange
        var allowed = new DefaultHttpContext();
        var refused = new DefaultHttpContext();

        // Act
        ClientTpsLimiter.AddHeaders(allowed.Response, new TpsDecision(true, 5, 4));
        ClientTpsLimiter.AddHeaders(refused.Response, new TpsDecision(false, 5, 0));

        // Assert
        Assert.Equal(("5", "4", "1"), (allowed.Response.Headers["RateLimit-Limit"].ToString(), allowed.Response.Headers["RateLimit-Remaining"].ToString(), allowed.Response.Headers["RateLimit-Reset"].ToString()));
        Assert.False(allowed.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal(("5", "0", "1"), (refused.Response.Headers["RateLimit-Limit"].ToString(), refused.Response.Headers["RateLimit-Remaining"].ToString(), refused.Response.Headers.RetryAfter.ToString()));
    }

    private static ClientEntry Client(int id, int tps) => ClientRowsFactory.Entry(id, tps);
}
