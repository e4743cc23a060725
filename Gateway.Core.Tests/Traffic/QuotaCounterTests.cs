using System.Collections.Frozen;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>The in-memory quota counter on a fake clock: exact counting, lazy period roll, Retry-After, snapshot changes.</summary>
public sealed class QuotaCounterTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    // 2026-11-22 23:00 in Taipei: one hour before the daily boundary.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Consume_UpToTheQuota_PassesThenRefusesWithRetryAfterToNextPeriod()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 2, QuotaResetPeriod.Daily, Taipei);

        // Act
        var first = counter.Consume(new DefaultHttpContext(), client);
        var second = counter.Consume(new DefaultHttpContext(), client);
        var refusedContext = new DefaultHttpContext();
        var third = counter.Consume(refusedContext, client);

        // Assert
        Assert.Null(first);
        Assert.Null(second);
        Assert.Same(TrafficErrors.QuotaExceeded, third);
        Assert.Equal("3600", refusedContext.Response.Headers.RetryAfter.ToString());
        Assert.Equal(2, counter.UsageOf(client).Used);
    }

    [Fact]
    public async Task Consume_32ConcurrentCallersSendingFiveTimesTheQuota_ExactlyQuotaPass()
    {
        // Arrange
        const int quota = 500;
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota, QuotaResetPeriod.Daily, Taipei);
        var passed = 0;
        using var start = new ManualResetEventSlim();

        // Act
        var workers = Enumerable.Range(0, 32).Select(_ => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            for (var i = 0; i < quota * 5 / 32 + 1; i++)
            {
                if (counter.Consume(new DefaultHttpContext(), client) is null)
                {
                    Interlocked.Increment(ref passed);
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(workers);

        // Assert
        Assert.Equal(quota, passed);
        Assert.Equal(quota, counter.UsageOf(client).Used);
    }

    [Fact]
    public void Consume_AfterThePeriodBoundary_RollsWithoutAnyJob()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 1, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), client);
        var refusedBefore = counter.Consume(new DefaultHttpContext(), client);

        // Act
        _clock.Advance(TimeSpan.FromHours(1));
        var afterBoundary = counter.Consume(new DefaultHttpContext(), client);
        var usage = counter.UsageOf(client);

        // Assert
        Assert.NotNull(refusedBefore);
        Assert.Null(afterBoundary);
        Assert.Equal(1, usage.Used);
        Assert.Equal(new DateTime(2026, 11, 22, 16, 0, 0, DateTimeKind.Utc), usage.PeriodStartUtc);
        Assert.Equal(new DateTime(2026, 11, 23, 16, 0, 0, DateTimeKind.Utc), usage.ResetsAtUtc);
    }

    [Fact]
    public void Consume_UnlimitedClient_CountsNothingAndQueuesNothing()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 0, QuotaResetPeriod.Daily, Taipei);

        // Act
        var error = counter.Consume(new DefaultHttpContext(), client);

        // Assert
        Assert.Null(error);
        Assert.True(counter.UsageOf(client).IsUnlimited);
        Assert.False(counter.Flushes.TryRead(out _));
    }

    [Fact]
    public void Consume_NeverResettingQuota_RefusesWithoutRetryAfter()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 1, QuotaResetPeriod.None, Taipei);
        counter.Consume(new DefaultHttpContext(), client);
        var context = new DefaultHttpContext();

        // Act
        var error = counter.Consume(context, client);

        // Assert
        Assert.Same(TrafficErrors.QuotaExceeded, error);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Null(counter.UsageOf(client).ResetsAtUtc);
    }

    [Fact]
    public void Consume_ManyCalls_QueueTheClientOnceUntilTaken()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(7, quota: 10, QuotaResetPeriod.Daily, Taipei);

        // Act
        counter.Consume(new DefaultHttpContext(), client);
        counter.Consume(new DefaultHttpContext(), client);
        Assert.True(counter.Flushes.TryRead(out var queued));
        var taken = counter.TakeFlush(queued, out var start, out var used);
        var emptyAfterTake = !counter.Flushes.TryRead(out _);
        counter.Consume(new DefaultHttpContext(), client);

        // Assert
        Assert.Equal(7, queued);
        Assert.True(taken);
        Assert.Equal(2, used);
        Assert.Equal(new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.True(emptyAfterTake);
        Assert.True(counter.Flushes.TryRead(out _));
    }

    [Fact]
    public void Load_StoredRowOfCurrentPeriod_ContinuesFromIt()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 5, QuotaResetPeriod.Daily, Taipei);
        var currentStart = new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc);

        // Act
        counter.Load(client, currentStart, 4);
        var fifth = counter.Consume(new DefaultHttpContext(), client);
        var sixth = counter.Consume(new DefaultHttpContext(), client);

        // Assert
        Assert.Null(fifth);
        Assert.NotNull(sixth);
    }

    [Fact]
    public void Load_StoredRowOfEndedPeriod_CountsNothing()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 5, QuotaResetPeriod.Daily, Taipei);

        // Act
        counter.Load(client, new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc), 5);

        // Assert
        Assert.Equal(0, counter.UsageOf(client).Used);
        Assert.Null(counter.Consume(new DefaultHttpContext(), client));
    }

    [Fact]
    public void Reset_ExhaustedClient_AllowsTheQuotaAgain()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 1, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), client);

        // Act
        var reset = counter.Reset(client);

        // Assert
        Assert.True(reset);
        Assert.Equal(0, counter.UsageOf(client).Used);
        Assert.Null(counter.Consume(new DefaultHttpContext(), client));
        Assert.NotNull(counter.Consume(new DefaultHttpContext(), client));
    }

    [Fact]
    public void Refund_AfterACountedCall_GivesItBackButNeverBelowZero()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 1, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), client);

        // Act
        counter.Refund(client);
        counter.Refund(client);
        var again = counter.Consume(new DefaultHttpContext(), client);

        // Assert
        Assert.Null(again);
        Assert.Equal(1, counter.UsageOf(client).Used);
    }

    [Fact]
    public void RollIfEnded_TwiceAfterTheBoundary_RollsOnce()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var client = Entry(1, quota: 3, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), client);
        var beforeBoundary = counter.RollIfEnded(client);
        _clock.Advance(TimeSpan.FromHours(2));

        // Act
        var first = counter.RollIfEnded(client);
        var second = counter.RollIfEnded(client);

        // Assert
        Assert.False(beforeBoundary);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(0, counter.UsageOf(client).Used);
    }

    [Fact]
    public void Activated_ClientDeletedOrMadeUnlimited_DropsItsCounter()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var deleted = Entry(1, quota: 3, QuotaResetPeriod.Daily, Taipei);
        var freed = Entry(2, quota: 3, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), deleted);
        counter.Consume(new DefaultHttpContext(), freed);

        // Act
        counter.Activated(Snapshot(Entry(2, quota: 0, QuotaResetPeriod.Daily, Taipei)));

        // Assert
        Assert.False(counter.TakeFlush(1, out _, out _));
        Assert.False(counter.TakeFlush(2, out _, out _));
        Assert.Equal(0, counter.UsageOf(deleted).Used);
    }

    [Fact]
    public void Activated_PeriodChangedToMonthly_KeepsTheCountInTheNewPeriod()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        var daily = Entry(1, quota: 3, QuotaResetPeriod.Daily, Taipei);
        counter.Consume(new DefaultHttpContext(), daily);
        counter.Consume(new DefaultHttpContext(), daily);
        var monthly = Entry(1, quota: 3, QuotaResetPeriod.Monthly, Taipei);

        // Act
        counter.Activated(Snapshot(monthly));
        _clock.Advance(TimeSpan.FromHours(2));
        var usage = counter.UsageOf(monthly);

        // Assert: the daily boundary passed, but the month did not.
        Assert.Equal(2, usage.Used);
        Assert.Equal(new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc), usage.PeriodStartUtc);
        Assert.Null(counter.Consume(new DefaultHttpContext(), monthly));
        Assert.NotNull(counter.Consume(new DefaultHttpContext(), monthly));
    }

    [Fact]
    public void Consume_QuotaLoweredBelowUsage_RefusesAtOnce()
    {
        // Arrange
        var counter = new ClientQuotaCounter(_clock);
        counter.Consume(new DefaultHttpContext(), Entry(1, quota: 10, QuotaResetPeriod.Daily, Taipei));
        counter.Consume(new DefaultHttpContext(), Entry(1, quota: 10, QuotaResetPeriod.Daily, Taipei));
        var lowered = Entry(1, quota: 2, QuotaResetPeriod.Daily, Taipei);

        // Act
        counter.Activated(Snapshot(lowered));
        var error = counter.Consume(new DefaultHttpContext(), lowered);

        // Assert
        Assert.Same(TrafficErrors.QuotaExceeded, error);
    }

    internal static ClientEntry Entry(int id, long quota, QuotaResetPeriod period, TimeZoneInfo zone, int tps = 0, int priority = ApiClient.DefaultPriority) => new()
    {
        Id = id,
        ClientId = "c" + id,
        ClientName = "c" + id,
        PasswordHash = "x",
        Status = ClientStatus.Enabled,
        FailedAttemptThreshold = 3,
        FailedAttempts = 0,
        TimeZone = zone,
        ServiceTime = new TimeWindow(null, null),
        RequiresIpBinding = false,
        IpBindings = IpRangeSet.Empty,
        Audience = ClientAudience.InternalAndExternal,
        SecurityLevel = "D",
        Grants = new Dictionary<int, GroupWindow[]>().ToFrozenDictionary(),
        TpsPerNode = tps,
        ApiQuota = quota,
        QuotaResetPeriod = period,
        Priority = priority,
    };

    private static GatewaySnapshot Snapshot(params ClientEntry[] clients) => new()
    {
        Routes = new Dictionary<string, RouteInfo>().ToFrozenDictionary(),
        RouteConfigs = Array.Empty<RouteConfig>(),
        ClusterConfigs = Array.Empty<ClusterConfig>(),
        Version = 2,
        BuiltAt = new DateTime(2026, 11, 22, 15, 0, 0, DateTimeKind.Utc),
        Clients = new ClientCatalog(clients.ToFrozenDictionary(c => c.ClientId, StringComparer.OrdinalIgnoreCase), []),
    };
}
