using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// Writes runtime counters (token uses, signed-key quotas) that the request path queues on a channel, one item per
/// counter until it is written. It drains the queue, writing each item, then pauses <see cref="FlushInterval"/>: a
/// busy counter costs one database write per interval instead of one per call, and the database stays at most that
/// far behind memory. On shutdown it writes what is still queued. A failed write is logged and the next item goes on.
/// </summary>
internal abstract class PacedFlushWriter<T>(ChannelReader<T> queue) : BackgroundService
{
    /// <summary>Pause after each round of writes.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest time spent writing the queue's rest at shutdown.</summary>
    private static readonly TimeSpan ShutdownDrain = TimeSpan.FromSeconds(2);

    /// <summary>Writes one queued item's current value (internal for tests).</summary>
    protected internal abstract Task PersistAsync(T item, CancellationToken cancellationToken);

    /// <summary>Logs a failed write of <paramref name="item"/>.</summary>
    protected abstract void LogFailure(Exception exception, T item);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(stoppingToken);
                await Task.Delay(FlushInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            using var drain = new CancellationTokenSource(ShutdownDrain);
            await DrainAsync(drain.Token);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && queue.TryRead(out var item))
        {
            try
            {
                await PersistAsync(item, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailure(ex, item);
            }
        }
    }
}
