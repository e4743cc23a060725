using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>The writer drains in batches, retries a failed batch once, counts lost rows, and drains on shutdown.</summary>
public sealed class CallLogWriterTests
{
    [Fact]
    public async Task Execute_QueuedRecords_WrittenInBatchesOfBatchSize()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (recorder, metrics) = Parts(capacity: 100);
        using var sink = new FakeCallLogSink();
        for (var i = 0; i < 25; i++)
        {
            recorder.Offer(Record(i));
        }

        var signal = new CallLogSignal();
        using var writer = Writer(recorder, sink, metrics, signal, batchSize: 10);

        // Act
        await writer.StartAsync(ct);
        await WaitAsync(() => sink.Rows.Count == 25, ct);
        await writer.StopAsync(ct);

        // Assert
        Assert.Equal([10, 10, 5], sink.Batches);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => "req-" + i), sink.Rows.Select(r => r.RequestId));
        Assert.Equal(25, metrics.Written);
        Assert.Equal(3, signal.Version);
    }

    [Fact]
    public async Task Stop_RecordsStillQueued_DrainedBeforeStopReturns()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (recorder, metrics) = Parts(capacity: 100);
        using var sink = new FakeCallLogSink();
        using var writer = Writer(recorder, sink, metrics, new CallLogSignal(), batchSize: 1000, flushIntervalMs: 60000);
        await writer.StartAsync(ct);
        recorder.Offer(Record(0));
        await WaitAsync(() => sink.Rows.Count == 1, ct);

        // Act: the writer now sleeps a minute between rounds; these wait in the channel.
        for (var i = 1; i <= 7; i++)
        {
            recorder.Offer(Record(i));
        }

        await writer.StopAsync(ct);

        // Assert
        Assert.Equal(8, sink.Rows.Count);
        Assert.Equal(0, recorder.Pending);
    }

    [Fact]
    public async Task Stopped_RecordsArrivingAfterStop_WrittenByTheFinalDrain()
    {
        // Arrange: the server finishes in-flight requests after the writer's own stop.
        var ct = TestContext.Current.CancellationToken;
        var (recorder, metrics) = Parts(capacity: 100);
        using var sink = new FakeCallLogSink();
        using var writer = Writer(recorder, sink, metrics, new CallLogSignal(), batchSize: 1000);
        await writer.StartAsync(ct);
        await writer.StopAsync(ct);
        recorder.Offer(Record(1));
        recorder.Offer(Record(2));

        // Act
        await writer.StoppedAsync(ct);

        // Assert
        Assert.Equal(["req-1", "req-2"], sink.Rows.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Execute_BatchFailsOnce_RetriedAndWritten()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (recorder, metrics) = Parts(capacity: 100);
        using var sink = new FakeCallLogSink(failures: 1);
        recorder.Offer(Record(1));
        recorder.Offer(Record(2));
        using var writer = Writer(recorder, sink, metrics, new CallLogSignal(), batchSize: 10);

        // Act
        await writer.StartAsync(ct);
        await WaitAsync(() => sink.Rows.Count == 2, ct);
        await writer.StopAsync(ct);

        // Assert
        Assert.Equal(2, sink.Attempts);
        Assert.Equal(2, metrics.Written);
        Assert.Equal(0, metrics.Failed);
    }

    [Fact]
    public async Task Execute_BatchFailsTwice_RowsCountedFailedAndWriterGoesOn()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (recorder, metrics) = Parts(capacity: 100);
        using var sink = new FakeCallLogSink(failures: 2);
        recorder.Offer(Record(1));
        recorder.Offer(Record(2));
        recorder.Offer(Record(3));
        using var writer = Writer(recorder, sink, metrics, new CallLogSignal(), batchSize: 10);
        await writer.StartAsync(ct);
        await WaitAsync(() => metrics.Failed == 3, ct);

        // Act
        recorder.Offer(Record(4));
        await WaitAsync(() => sink.Rows.Count == 1, ct);
        await writer.StopAsync(ct);

        // Assert
        Assert.Equal(3, metrics.Failed);
        Assert.Equal("req-4", Assert.Single(sink.Rows).RequestId);
        Assert.Equal(1, metrics.Written);
    }

    [Fact]
    public void Offer_ChannelFull_DroppedAndCounted()
    {
        // Arrange
        var (recorder, _) = Parts(capacity: 2);

        // Act
        var results = Enumerable.Range(0, 5).Select(i => recorder.Offer(Record(i))).ToList();

        // Assert
        Assert.Equal([true, true, false, false, false], results);
        Assert.Equal(3, recorder.Dropped);
        Assert.Equal(2, recorder.Pending);
    }

    internal static CallRecord Record(int i) => new()
    {
        RequestId = "req-" + i,
        Method = "GET",
        Path = "/p/" + i,
        Status = 200,
        EndedAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
    };

    private static (CallLogRecorder Recorder, CallLogMetrics Metrics) Parts(int capacity)
    {
        var recorder = new CallLogRecorder(
            Options.Create(new CallLogOptions { Capacity = capacity }),
            new GatewayNetworks([], []),
            TimeProvider.System);
        return (recorder, new CallLogMetrics(new GatewayMetrics(), recorder));
    }

    private static CallLogWriter Writer(CallLogRecorder recorder, ICallLogSink sink, CallLogMetrics metrics, CallLogSignal signal, int batchSize, int flushIntervalMs = 5) =>
        new(recorder, sink, metrics, signal, Options.Create(new CallLogOptions { BatchSize = batchSize, FlushIntervalMs = flushIntervalMs }), NullLogger<CallLogWriter>.Instance);

    private static async Task WaitAsync(Func<bool> condition, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
