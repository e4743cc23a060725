using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Auditing;

/// <summary>Reads the audit log, newest first.</summary>
public sealed class AuditLogService(IDbContextFactory<GatewayDbContext> contextFactory)
{
    /// <summary>One page of entries matching <paramref name="filter"/>; the keyword searches entity id, actor and images.</summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(AuditQuery filter, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.Actor == filter.Actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At <= to);
        }

        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(a => EF.Functions.Like(a.EntityId, pattern) || EF.Functions.Like(a.Actor, pattern)
                || (a.Before != null && EF.Functions.Like(a.Before, pattern)) || (a.After != null && EF.Functions.Like(a.After, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<AuditEntry>(items, total, page.Page, page.PageSize);
    }

    /// <summary>Distinct entity types present in the log (for the filter picker).</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }
}
