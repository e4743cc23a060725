using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// Commits a config write: the caller's tracked changes, the audit row and the <see cref="ConfigVersion"/> bump in one
/// transaction, then signals the runtime to rebuild its snapshot.
/// </summary>
public sealed class ConfigChangeWriter(IGatewayConfigSignal signal, AuditRecorder audit)
{
    /// <summary>Saves <paramref name="db"/>'s pending changes with one audit row and a version bump.</summary>
    /// <param name="db">Context holding the caller's changes.</param>
    /// <param name="actor">Who writes.</param>
    /// <param name="change">The audit description; its entity id may be resolved after the insert.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task CommitAsync(GatewayDbContext db, Actor actor, Func<AuditChange> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EntityConflictException("The item was changed or deleted by someone else. Reload it and try again.");
        }

        audit.Add(db, actor, change());
        await db.ConfigVersions
            .Where(v => v.Id == ConfigVersion.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1).SetProperty(v => v.UpdatedAt, audit.UtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.NotifyChanged();
    }
}
