using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Writes the use counts <see cref="TokenRegistry"/> queues (runtime state: no audit, no config version).</summary>
internal sealed partial class TokenUseWriter(TokenRegistry registry, IDbContextFactory<GatewayDbContext> contextFactory, ILogger<TokenUseWriter> logger) : BackgroundService
{
    /// <summary>
    /// Pause after each round of writes. A busy token changes its count on every call; pacing makes that one UPDATE per
    /// interval instead of one per call, and the database stays at most this far behind memory.
    /// </summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = registry.PendingFlushes;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(stoppingToken);
                await Task.Delay(FlushInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: store what is still queued.
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await DrainAsync(drain.Token);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && registry.PendingFlushes.TryRead(out var entry))
        {
            try
            {
                await PersistAsync(entry, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.WriteFailed(logger, ex, entry.Jti);
            }
        }
    }

    /// <summary>Stores <paramref name="entry"/>'s current count (never lowers a stored one).</summary>
    internal async Task PersistAsync(TokenEntry entry, CancellationToken cancellationToken)
    {
        entry.ClearPendingFlush();
        var uses = entry.Uses;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.OAuthTokens
            .Where(t => t.Jti == entry.Jti && t.Uses < uses)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Uses, uses), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Could not store the use count of token '{Jti}'.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string jti);
    }
}
