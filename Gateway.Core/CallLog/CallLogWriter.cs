using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// Drains the call log channel in batches (<c>CallLog:BatchSize</c> rows, one transaction each) into the
/// <see cref="ICallLogSink"/>, then pauses <c>CallLog:FlushIntervalMs</c>, so a busy gateway costs one wake-up per
/// interval. A failed batch is logged and retried once; if it fails again its rows are counted as failed and the writer
/// goes on. On shutdown it writes what is still queued (for at most <see cref="ShutdownDrain"/>), and once more after
/// the server stopped (<see cref="StoppedAsync"/>): requests the server drains after this service stopped are recorded
/// too. Never throws.
/// </summary>
internal sealed partial class CallLogWriter(
    CallLogRecorder recorder,
    ICallLogSink sink,
    CallLogMetrics metrics,
    CallLogSignal signal,
    IOptions<CallLogOptions> options,
    ILogger<CallLogWriter> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>Longest time spent writing the queue's rest at shutdown.</summary>
    public static readonly TimeSpan ShutdownDrain = TimeSpan.FromSeconds(5);

    private readonly int _batchSize = Math.Clamp(options.Value.BatchSize, 1, 10000);
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.FlushIntervalMs, 1, 60000));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The rest of start-up must not wait for the first batch.
        await Task.Yield();
        var batch = new List<CallRecord>(Math.Min(_batchSize, 4096));
        try
        {
            while (await recorder.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain(batch, budget: null);
                await Task.Delay(_interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write the rest below.
        }
        catch (Exception ex)
        {
            LogWriterStopped(logger, ex);
        }

        Drain(batch, ShutdownDrain);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service, the web server included, has stopped: writes the last records.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Drain(new List<CallRecord>(), ShutdownDrain);
        return Task.CompletedTask;
    }

    /// <summary>Writes batches until the queue is empty (or <paramref name="budget"/> is spent).</summary>
    internal void Drain(List<CallRecord> batch, TimeSpan? budget)
    {
        var reader = recorder.Reader;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            batch.Clear();
            while (batch.Count < _batchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                return;
            }

            WriteWithRetry(batch);
            batch.Clear();
            if (budget is { } limit && Stopwatch.GetElapsedTime(start) > limit)
            {
                return;
            }
        }
    }

    private void WriteWithRetry(List<CallRecord> batch)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                sink.Write(batch);
                metrics.CountWritten(batch.Count);
                signal.Written();
                return;
            }
            catch (Exception ex)
            {
                LogBatchFailed(logger, ex, batch.Count, attempt);
            }
        }

        metrics.CountFailed(batch.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Rows} call log rows failed (attempt {Attempt} of 2).")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int rows, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The call log writer stopped unexpectedly; queued rows are written at shutdown.")]
    private static partial void LogWriterStopped(ILogger logger, Exception exception);
}
