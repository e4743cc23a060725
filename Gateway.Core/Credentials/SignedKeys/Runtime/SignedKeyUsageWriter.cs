using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>
/// Persists the remaining uses counted by <see cref="SignedKeyRuntime"/>: one UPDATE per queued key (no audit, no config
/// version: the count is runtime state), only ever lowering the stored count of the same quota. Drains the queue on shutdown.
/// </summary>
internal sealed partial class SignedKeyUsageWriter(
    SignedKeyRuntime runtime,
    IDbContextFactory<GatewayDbContext> contextFactory,
    ILogger<SignedKeyUsageWriter> logger) : PacedFlushWriter<long>(runtime.Flushes)
{
    /// <summary>Writes the current count of key <paramref name="id"/> (internal for tests).</summary>
    protected internal override async Task PersistAsync(long id, CancellationToken cancellationToken)
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

    protected override void LogFailure(Exception exception, long item) => Log.WriteFailed(logger, exception, item);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Could not store the remaining uses of signed API key {KeyId}.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, long keyId);
    }
}
