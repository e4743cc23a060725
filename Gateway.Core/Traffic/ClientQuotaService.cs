using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// The stored side of API quotas: writes a client's live usage (<see cref="ClientQuotaCounter"/>) to
/// <c>ClientQuotaUsages</c>, reloads it on start, resets ended periods (the <c>quota-reset</c> job) and a client's usage on
/// an admin's request, and shows the live usage. Every database write goes through one lock and reads the counter inside
/// it, so a late flush can never put back a count an admin or the job has just reset.
/// </summary>
internal sealed class ClientQuotaService(
    ClientQuotaCounter counter,
    DbProxyConfigProvider provider,
    IDbContextFactory<GatewayDbContext> contextFactory,
    AuditRecorder audit) : IDisposable
{
    /// <summary>Audit entity type of a quota reset.</summary>
    public const string EntityName = "ClientQuota";

    private readonly SemaphoreSlim _writes = new(1, 1);

    public void Dispose() => _writes.Dispose();

    /// <summary>Writes the current usage of client <paramref name="id"/> (the paced writer's step).</summary>
    public async Task WriteAsync(int id, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!counter.TakeFlush(id, out var start, out var used))
            {
                return;
            }

            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await UpsertAsync(db, id, start, used, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Loads the stored usage of every client the active snapshot counts (on start, before traffic).</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        var clients = ActiveClients();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClientQuotaUsages.AsNoTracking().ToListAsync(cancellationToken);
        var loaded = 0;
        foreach (var row in rows)
        {
            if (clients.TryGetValue(row.ClientId, out var client) && client.ApiQuota > 0)
            {
                counter.Load(client, row.PeriodStart, row.Used);
                loaded++;
            }
        }

        return loaded;
    }

    /// <summary>
    /// Resets every stored row whose period has ended in its client's time zone (conditional UPDATE: running twice
    /// changes nothing more) and rolls the client's counter. Returns the number of rows reset.
    /// </summary>
    public async Task<int> ResetEndedPeriodsAsync(CancellationToken cancellationToken)
    {
        var clients = ActiveClients();
        var now = counter.UtcNow;
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ClientQuotaUsages.AsNoTracking().ToListAsync(cancellationToken);
            var reset = 0;
            foreach (var row in rows)
            {
                if (!clients.TryGetValue(row.ClientId, out var client))
                {
                    continue;
                }

                var (start, _) = QuotaPeriods.Containing(client.QuotaResetPeriod, client.TimeZone, now);
                counter.RollIfEnded(client);
                if (row.PeriodStart >= start)
                {
                    continue;
                }

                var stored = row.PeriodStart;
                reset += await db.ClientQuotaUsages
                    .Where(u => u.ClientId == row.ClientId && u.PeriodStart == stored)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.PeriodStart, start).SetProperty(u => u.Used, 0L).SetProperty(u => u.UpdatedAt, now), cancellationToken);
            }

            return reset;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>The live usage of the client with Client ID <paramref name="clientId"/>, with its stored settings.</summary>
    /// <exception cref="EntityNotFoundException">No such client.</exception>
    public async Task<QuotaUsage> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await FindAsync(clientId, cancellationToken);
        return UsageOf(client);
    }

    /// <summary>The live usage of <paramref name="client"/> (its stored settings, the counter's count).</summary>
    public QuotaUsage UsageOf(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return counter.UsageOf(client.Id, Math.Max(0, client.ApiQuota), client.QuotaResetPeriod, ZoneOf(client.TimeZoneId));
    }

    /// <summary>Starts the client's current period again from zero, in memory and in the database; audited.</summary>
    /// <exception cref="EntityNotFoundException">No such client.</exception>
    public async Task<QuotaUsage> ResetAsync(string clientId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var client = await FindAsync(clientId, cancellationToken);
        var before = UsageOf(client);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (ActiveClients().TryGetValue(client.Id, out var entry))
            {
                counter.Reset(entry);
            }

            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await UpsertAsync(db, client.Id, before.PeriodStartUtc, 0, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }

        var after = UsageOf(client);
        await audit.RecordAsync(actor, new AuditChange(EntityName, client.ClientId, "reset", new { before.Used, PeriodStart = before.PeriodStartUtc }, new { after.Used, PeriodStart = after.PeriodStartUtc }), cancellationToken);
        return after;
    }

    private async Task<ApiClient> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var key = clientId?.Trim() ?? "";
        if (key.Length == 0)
        {
            throw new EntityNotFoundException(ApiClientService.EntityName, clientId ?? "");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == key, cancellationToken)
            ?? throw new EntityNotFoundException(ApiClientService.EntityName, key);
    }

    private async Task UpsertAsync(GatewayDbContext db, int id, DateTime start, long used, CancellationToken cancellationToken)
    {
        var now = counter.UtcNow;
        var updated = await db.ClientQuotaUsages
            .Where(u => u.ClientId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PeriodStart, start).SetProperty(u => u.Used, used).SetProperty(u => u.UpdatedAt, now), cancellationToken);
        if (updated > 0 || !await db.ApiClients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return;
        }

        db.ClientQuotaUsages.Add(new ClientQuotaUsage { ClientId = id, PeriodStart = start, Used = used, UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    private System.Collections.Frozen.FrozenDictionary<int, ClientEntry> ActiveClients()
    {
        if (provider.Current is null)
        {
            // The first snapshot loads when YARP first asks; make sure it exists before reading it.
            provider.GetConfig();
        }

        return (provider.Current?.Clients ?? ClientCatalog.Empty).ById;
    }

    private static TimeZoneInfo ZoneOf(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;
}
