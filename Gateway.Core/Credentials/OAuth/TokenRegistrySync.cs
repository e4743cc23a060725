using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// Loads the token registry and the key ring at start and refreshes both after each snapshot rebuild, so revocations,
/// use counts and key rotations made on another node or in the console reach this node's request path.
/// </summary>
internal sealed partial class TokenRegistrySync(
    TokenRegistry registry,
    OAuthKeyRing keyRing,
    IDbContextFactory<GatewayDbContext> contextFactory,
    TimeProvider timeProvider,
    ILogger<TokenRegistrySync> logger) : IHostedService, ISnapshotObserver
{
    private int _refreshing;
    private int _again;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keyRing.Current;
        await RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Activated(GatewaySnapshot snapshot)
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            Volatile.Write(ref _again, 1);
            return;
        }

        _ = Task.Run(RunAsync);
    }

    /// <summary>Reads every unexpired token row and the keys (public for tests).</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.OAuthTokens.AsNoTracking().Where(t => t.ExpiresAt > now && t.Kind != OAuthTokenKind.AuthorizationCode).ToListAsync(cancellationToken);
        registry.Merge(rows, now);
        await keyRing.ReloadAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Volatile.Write(ref _again, 0);
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                Log.RefreshFailed(logger, ex);
            }

            if (Volatile.Read(ref _again) == 1)
            {
                continue;
            }

            Volatile.Write(ref _refreshing, 0);

            // A snapshot activated between the check and the release found the flag still set: take it over.
            if (Volatile.Read(ref _again) == 0 || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Could not refresh the OAuth token registry from the database.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
