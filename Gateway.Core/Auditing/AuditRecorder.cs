using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Auditing;

/// <summary>Adds audit rows, either inside a caller's unit of work or on their own.</summary>
public sealed class AuditRecorder(IDbContextFactory<GatewayDbContext> contextFactory, TimeProvider timeProvider)
{
    internal DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Adds an audit row to <paramref name="db"/>; the caller saves.</summary>
    public void Add(GatewayDbContext db, Actor actor, AuditChange change)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        db.AuditEntries.Add(new AuditEntry
        {
            At = UtcNow(),
            Actor = actor.Name,
            Source = actor.Source,
            EntityType = change.EntityType,
            EntityId = change.EntityId,
            Action = change.Action,
            Before = AuditJson.Serialize(change.Before),
            After = AuditJson.Serialize(change.After),
        });
    }

    /// <summary>Records a write made outside the gateway catalog (admin users, tokens, test mail).</summary>
    public async Task RecordAsync(Actor actor, AuditChange change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        Add(db, actor, change);
        await db.SaveChangesAsync(cancellationToken);
    }
}
