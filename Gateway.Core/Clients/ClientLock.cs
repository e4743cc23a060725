using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;

namespace ApiManager.Gateway.Clients;

/// <summary>
/// Locks a client that reached its failed-attempt threshold: one audited config write (action "lock"), so the gateway
/// snapshot and other nodes see the lock. Shared by the gateway's lockout writer and the portal's sign-in.
/// </summary>
internal static class ClientLock
{
    /// <summary>The audit action of a lock.</summary>
    public const string Action = "lock";

    /// <summary>Sets the tracked <paramref name="client"/> to Locked with <paramref name="failedAttempts"/> and commits it.</summary>
    public static Task LockAsync(
        ConfigChangeWriter writer,
        GatewayDbContext db,
        ApiClient client,
        int previousFailedAttempts,
        int failedAttempts,
        Actor actor,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var before = new { client.Status, FailedAttempts = previousFailedAttempts };
        client.Status = ClientStatus.Locked;
        client.FailedAttempts = failedAttempts;
        client.UpdatedAt = now;
        client.ConcurrencyStamp = Guid.NewGuid();
        return writer.CommitAsync(
            db,
            actor,
            () => new AuditChange(ApiClientService.EntityName, client.Id.ToString(CultureInfo.InvariantCulture), Action, before, new { client.Status, client.FailedAttempts }),
            cancellationToken);
    }
}
