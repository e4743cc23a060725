using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>The priority admission queue on its own: fast path, ordering, timeouts, queue bound, cancellation.</summary>
public sealed class AdmissionQueueTests
{
    [Fact]
    public void TryEnter_BelowMaxInFlight_AdmitsUntilFull()
    {
        // Arrange
        var admission = Create(maxInFlight: 2);

        // Act
        var first = admission.TryEnter();
        var second = admission.TryEnter();
        var third = admission.TryEnter();

        // Assert
        Assert.True(first);
        Assert.True(second);
        Assert.False(third);
        Assert.Equal(2, admission.InFlight);
    }

    [Fact]
    public void TryEnter_AdmissionOff_AlwaysAdmitsAndCountsNothing()
    {
        // Arrange
        var admission = Create(maxInFlight: 0);

        // Act
        var all = Enumerable.Range(0, 100).All(_ => admission.TryEnter());
        admission.Exit();

        // Assert
        Assert.True(all);
        Assert.False(admission.IsEnabled);
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task Exit_WaitersOfSeveralPriorities_AdmitsPriorityZeroFirstThenFifoWithinAPriority()
    {
        // Arrange: one slot, taken; waiters arrive as p9, p5, p0 (first), p0 (second).
        var ct = TestContext.Current.CancellationToken;
        var admission = Create(maxInFlight: 1, maxWaitMs: 30000);
        Assert.True(admission.TryEnter());
        var p9 = admission.WaitAsync(9, ct).AsTask();
        var p5 = admission.WaitAsync(5, ct).AsTask();
        var p0First = admission.WaitAsync(0, ct).AsTask();
        var p0Second = admission.WaitAsync(0, ct).AsTask();
        var order = new List<string>();
        var pending = new Dictionary<Task<bool>, string> { [p9] = "p9", [p5] = "p5", [p0First] = "p0-first", [p0Second] = "p0-second" };

        // Act: each exit frees exactly one slot, so exactly one waiter can finish per step.
        for (var step = 0; step < 4; step++)
        {
            admission.Exit();
            var done = await Task.WhenAny(pending.Keys).WaitAsync(TimeSpan.FromSeconds(5), ct);
            Assert.True(await done);
            order.Add(pending[done]);
            pending.Remove(done);
            await Task.Delay(20, ct);
            Assert.All(pending.Keys, t => Assert.False(t.IsCompleted));
        }

        // Assert
        Assert.Equal(["p0-first", "p0-second", "p5", "p9"], order);
        Assert.Equal(1, admission.InFlight);
        Assert.Equal(0, admission.Queued);
    }

    [Fact]
    public async Task WaitAsync_NoSlotFreedInTime_FalseAndLeavesTheQueue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var admission = Create(maxInFlight: 1, maxWaitMs: 50);
        Assert.True(admission.TryEnter());

        // Act
        var admitted = await admission.WaitAsync(3, ct);

        // Assert
        Assert.False(admitted);
        Assert.Equal(0, admission.Queued);
        Assert.Equal(1, admission.InFlight);
        Assert.Equal("1", admission.RetryAfter);
    }

    [Fact]
    public async Task WaitAsync_QueueFull_RefusedAtOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var admission = Create(maxInFlight: 1, maxWaitMs: 30000, queueLimit: 1);
        Assert.True(admission.TryEnter());
        var queued = admission.WaitAsync(0, ct).AsTask();

        // Act
        var started = System.Diagnostics.Stopwatch.StartNew();
        var refused = await admission.WaitAsync(0, ct);
        var elapsed = started.Elapsed;
        admission.Exit();

        // Assert
        Assert.False(refused);
        Assert.True(elapsed < TimeSpan.FromSeconds(5));
        Assert.True(await queued.WaitAsync(TimeSpan.FromSeconds(5), ct));
    }

    [Fact]
    public async Task WaitAsync_CallerGoesAway_LeavesTheQueueAndTheSlotGoesToTheNext()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var admission = Create(maxInFlight: 1, maxWaitMs: 30000);
        Assert.True(admission.TryEnter());
        using var aborted = new CancellationTokenSource();
        var leaving = admission.WaitAsync(0, aborted.Token).AsTask();
        var staying = admission.WaitAsync(9, ct).AsTask();

        // Act
        await aborted.CancelAsync();
        var left = await leaving.WaitAsync(TimeSpan.FromSeconds(5), ct);
        admission.Exit();
        var next = await staying.WaitAsync(TimeSpan.FromSeconds(5), ct);

        // Assert
        Assert.False(left);
        Assert.True(next);
        Assert.Equal(1, admission.InFlight);
        Assert.Equal(0, admission.Queued);
    }

    [Fact]
    public async Task EnterAndExit_ManyConcurrentCallers_NeverExceedMaxInFlightAndEndEmpty()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var admission = Create(maxInFlight: 3, maxWaitMs: 30000);
        var peak = 0;
        var inside = 0;

        // Act
        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 50; n++)
            {
                if (!admission.TryEnter() && !await admission.WaitAsync(i % 10, ct))
                {
                    throw new InvalidOperationException("Refused with a 30 s wait.");
                }

                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref peak, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
                admission.Exit();
            }
        }, ct));
        await Task.WhenAll(callers);

        // Assert
        Assert.InRange(peak, 1, 3);
        Assert.Equal(0, admission.InFlight);
        Assert.Equal(0, admission.Queued);
    }

    [Fact]
    public async Task Metrics_RefusalAndGauges_ExportedInTheGatewayRegistry()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var metrics = new GatewayMetrics();
        var admission = new PriorityAdmission(Options.Create(new AdmissionOptions { MaxInFlight = 1, MaxWaitMs = 20 }), metrics);
        Assert.True(admission.TryEnter());
        await admission.WaitAsync(7, ct);

        // Act
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, ct);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        // Assert
        Assert.Contains("apimanager_gateway_admission_in_flight 1", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_admission_queued 0", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_admission_rejected_total{priority=\"7\",reason=\"timeout\"} 1", text, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static PriorityAdmission Create(int maxInFlight, int maxWaitMs = 1000, int queueLimit = 100) =>
        new(Options.Create(new AdmissionOptions { MaxInFlight = maxInFlight, MaxWaitMs = maxWaitMs, QueueLimit = queueLimit }), new GatewayMetrics());
}
