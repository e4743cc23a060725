using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>On each new snapshot: aligns the in-memory lockout counts with the database and logs client warnings.</summary>
internal sealed partial class ClientSnapshotObserver(ClientLockoutTracker tracker, ILogger<ClientSnapshotObserver> logger) : ISnapshotObserver
{
    public void Activated(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        tracker.Synchronize(snapshot.Clients);
        foreach (var warning in snapshot.Clients.Warnings)
        {
            Log.ClientWarning(logger, snapshot.Version, warning);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Config version {Version}: {Warning}")]
        public static partial void ClientWarning(ILogger logger, long version, string warning);
    }
}
