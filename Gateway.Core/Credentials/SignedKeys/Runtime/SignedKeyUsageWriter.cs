using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>
/// Persists the remaining uses counted by <see cref="SignedKeyRuntime"/>: one UPDATE per queued key (no audit, no config
/// version: the count is runtime state), only ever lowering the stored count of the same quota. Drains the queue on shutdown.
/// </summary>
internal sealed partial class SignedKeyUsageWriter(
    SignedKeyRuntime runtime,
    IDbContextFactory<GatewayDbContext> contextFactory,
    ILogger<SignedKeyUsageWriter> logger) : BackgroundService
{
    /// <summary>
    /// Pause after each round of writes: a busy key changes its count on every call; pacing makes that one UPDATE per
    /// interval instead of one per call, and the database stays at most this far behind memory.
    /// </summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await runtime.Flushes.WaitToReadAsync(stoppingToken))
            {
                while (runtime.Flushes.TryRead(out var id))
                {
                    await PersistSafelyAsync(id, stoppingToken);
                }

                await Task.Delay(FlushInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: store what is still queued.
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            while (!drain.IsCancellationRequested && runtime.Flushes.TryRead(out var id))
            {
                await PersistSafelyAsync(id, drain.Token);
            }
        }
    }

    /// <summary>Writes the current count of key <paramref name="id"/> (internal for tests).</summary>
    internal async Task PersistAsync(long id, CancellationToken cancellationToken)
    {
        if (!runtime.TakeFlush(id, out var remaining, out var quotaSetAt))
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SignedApiKeys
            .Where(k => k.Id == id && k.QuotaSetAt == quotaSetAt && k.RemainingUses > remaining)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RemainingUses, remaining), cancellationToken);
    }

    private async Task PersistSafelyAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await PersistAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.WriteFailed(logger, ex, id);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Could not store the remaining uses of signed API key {KeyId}.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, long keyId);
    }
}
