using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Writes the use counts <see cref="TokenRegistry"/> queues (runtime state: no audit, no config version).</summary>
internal sealed partial class TokenUseWriter(TokenRegistry registry, IDbContextFactory<GatewayDbContext> contextFactory, ILogger<TokenUseWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = registry.PendingFlushes;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var entry))
                {
                    try
                    {
                        await PersistAsync(entry, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        Log.WriteFailed(logger, ex, entry.Jti);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
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
