using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.CallLog;

/// <summary>Reads the call log for the admin API and the API Logs page: filters, keyset paging newest first, one request.</summary>
public sealed class CallLogService(IDbContextFactory<GatewayDbContext> contextFactory)
{
    /// <summary>One page matching <paramref name="query"/>; throws <see cref="ServiceValidationException"/> for bad filters.</summary>
    public async Task<CallLogPage> ListAsync(CallLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = query.Validate();
        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.CallLog.AsNoTracking();
        if (query.From is { } from)
        {
            rows = rows.Where(c => c.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(c => c.At <= to);
        }

        if (query.ApiId is { } apiId)
        {
            rows = rows.Where(c => c.ApiId == apiId);
        }

        if (!string.IsNullOrWhiteSpace(query.ClientId))
        {
            var clientId = query.ClientId.Trim();
            rows = rows.Where(c => c.ClientId == clientId);
        }

        if (query.StatusClass is { } statusClass)
        {
            var low = (int)statusClass * 100;
            var high = low + 99;
            rows = rows.Where(c => c.Status >= low && c.Status <= high);
        }

        if (query.RejectedOnly)
        {
            rows = rows.Where(c => c.ErrorCode != null);
        }

        if (CallLogQuery.NormalizeStage(query.Stage) is { } stage)
        {
            rows = rows.Where(c => c.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(query.RequestId))
        {
            var requestId = query.RequestId.Trim();
            rows = rows.Where(c => c.RequestId == requestId);
        }

        if (query.Before is { } before)
        {
            rows = rows.Where(c => c.Id < before);
        }

        var items = await rows.OrderByDescending(c => c.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
        long? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }

        return new CallLogPage(items, next);
    }

    /// <summary>The row with id <paramref name="id"/>, or null.</summary>
    public async Task<CallLogEntry?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.CallLog.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The newest row of request <paramref name="requestId"/>, or null.</summary>
    public async Task<CallLogEntry?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            return null;
        }

        var id = requestId.Trim();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.CallLog.AsNoTracking().Where(c => c.RequestId == id).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The newest row id, 0 when the log is empty (the live page checks it before reloading).</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.CallLog.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The APIs of the catalog (id, name, version) for the API filter.</summary>
    public async Task<IReadOnlyList<CallLogApiOption>> ApiOptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var apis = await db.Apis.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Version)
            .Select(a => new CallLogApiOption(a.Id, a.Name, a.Version)).ToListAsync(cancellationToken);
        return apis;
    }
}
