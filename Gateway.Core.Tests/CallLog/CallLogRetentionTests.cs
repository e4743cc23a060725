using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>Retention deletes rows older than the configured days, in chunks, and nothing newer.</summary>
public sealed class CallLogRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeleteExpired_MoreThanAChunkOld_AllOldDeletedNewKept()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using (var sink = CallLogStore.Sink(database))
        {
            var old = Enumerable.Range(0, CallLogRetention.ChunkSize + 30).Select(i => CallLogStore.Record(Now.AddDays(-8).AddSeconds(i), requestId: "old")).ToList();
            sink.Write(old);
            sink.Write([CallLogStore.Record(Now.AddDays(-7).AddMinutes(1), requestId: "edge"), CallLogStore.Record(Now.AddHours(-1), requestId: "new")]);
        }

        var retention = new CallLogRetention(database.Factory, Options.Create(new CallLogOptions { RetentionDays = 7 }), new FakeTimeProvider(Now));

        // Act
        var deleted = await retention.DeleteExpiredAsync(ct);
        var again = await retention.DeleteExpiredAsync(ct);

        // Assert
        Assert.Equal(CallLogRetention.ChunkSize + 30, deleted);
        Assert.Equal(0, again);
        var left = await new CallLogService(database.Factory).ListAsync(new CallLogQuery(), ct);
        Assert.Equal(["new", "edge"], left.Items.Select(r => r.RequestId));
    }

    [Fact]
    public async Task DeleteExpired_ClockMovesOn_RowsExpireWithIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using (var sink = CallLogStore.Sink(database))
        {
            sink.Write([CallLogStore.Record(Now.AddDays(-1), requestId: "yesterday")]);
        }

        var clock = new FakeTimeProvider(Now);
        var retention = new CallLogRetention(database.Factory, Options.Create(new CallLogOptions { RetentionDays = 2 }), clock);

        // Act
        var first = await retention.DeleteExpiredAsync(ct);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var second = await retention.DeleteExpiredAsync(ct);

        // Assert
        Assert.Equal(0, first);
        Assert.Equal(1, second);
    }
}
