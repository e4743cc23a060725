using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Runtime;

/// <summary>Readiness: the database answers a trivial query within a short timeout, and a snapshot serves traffic.</summary>
internal sealed class ReadinessProbe(IDbContextFactory<GatewayDbContext> contextFactory, DbProxyConfigProvider provider)
{
    /// <summary>How long the database may take to answer.</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Null when ready, else why not.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseTimeout);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(timeout.Token);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The database did not answer within {DatabaseTimeout.TotalSeconds:0} s.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "The database is not reachable: " + ex.Message;
        }

        return provider.Current is null ? "No gateway configuration snapshot is loaded yet." : null;
    }
}
