using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Writes the use counts <see cref="TokenRegistry"/> queues (runtime state: no audit, no config version).</summary>
internal sealed partial class TokenUseWriter(TokenRegistry registry, IDbContextFactory<GatewayDbContext> contextFactory, ILogger<TokenUseWriter> logger)
    : PacedFlushWriter<TokenEntry>(registry.PendingFlushes)
{
    /// <summary>Stores <paramref name="entry"/>'s current count (never lowers a stored one).</summary>
    protected internal override async Task PersistAsync(TokenEntry entry, CancellationToken cancellationToken)
    {
        entry.ClearPendingFlush();
        var uses = entry.Uses;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.OAuthTokens
            .Where(t => t.Jti == entry.Jti && t.Uses < uses)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Uses, uses), cancellationToken);
    }

    protected override void LogFailure(Exception exception, TokenEntry item) => Log.WriteFailed(logger, exception, item.Jti);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Could not store the use count of token '{Jti}'.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string jti);
    }
}
