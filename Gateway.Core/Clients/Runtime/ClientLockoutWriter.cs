using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// Persists the failed-attempt counts queued by <see cref="ClientLockoutTracker"/>. A plain count is one UPDATE of an
/// enabled client (no audit, no config version: the count is runtime state); reaching the threshold locks the client
/// through <see cref="ConfigChangeWriter"/> (audited as the system, config version bumped so every node rebuilds).
/// </summary>
internal sealed partial class ClientLockoutWriter(
    ClientLockoutTracker tracker,
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    TimeProvider timeProvider,
    ILogger<ClientLockoutWriter> logger) : BackgroundService
{
    /// <summary>Audit entity type of clients.</summary>
    public const string EntityName = ApiClientService.EntityName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in tracker.Updates.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await PersistAsync(update, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.WriteFailed(logger, ex, update.ClientId);
                }
                finally
                {
                    tracker.Completed(update);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>Writes one update (public for tests).</summary>
    internal async Task PersistAsync(LockoutUpdate update, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!update.Lock)
        {
            await db.ApiClients
                .Where(c => c.Id == update.ClientDbId && c.Status == ClientStatus.Enabled)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, update.FailedAttempts), cancellationToken);
            return;
        }

        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == update.ClientDbId, cancellationToken);
        if (client is null || client.Status != ClientStatus.Enabled)
        {
            return;
        }

        await ClientLock.LockAsync(writer, db, client, client.FailedAttempts, update.FailedAttempts, Actor.System, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        Log.Locked(logger, client.ClientId, update.FailedAttempts);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Client '{ClientId}' locked after {Failures} wrong passwords.")]
        public static partial void Locked(ILogger logger, string clientId, int failures);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "Could not store the failed-attempt count of client '{ClientId}'.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string clientId);
    }
}
