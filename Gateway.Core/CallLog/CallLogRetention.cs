using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.CallLog;

/// <summary>Deletes call log rows older than <c>CallLog:RetentionDays</c>, in chunks so the writer is never held up long.</summary>
public sealed class CallLogRetention(IDbContextFactory<GatewayDbContext> contextFactory, IOptions<CallLogOptions> options, TimeProvider time)
{
    /// <summary>Rows deleted per statement.</summary>
    public const int ChunkSize = 5000;

    /// <summary>Deletes the expired rows; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = Math.Max(1, options.Value.RetentionDays);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var total = 0;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var ids = db.CallLog.Where(c => c.At < cutoff).OrderBy(c => c.Id).Select(c => c.Id).Take(ChunkSize);
            var deleted = await db.CallLog.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < ChunkSize)
            {
                return total;
            }
        }
    }
}
