using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>
/// Reads and replaces an API's IP diversion rules (caller IP/CIDR → target URL, evaluated in order, first match wins);
/// shared by the console and the admin API. A replacement is one config write with one audit row.
/// </summary>
internal sealed class ApiDiversionService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "ApiIpDiversion";

    /// <summary>The most rules one API may have.</summary>
    public const int MaxRules = 5;

    /// <summary>Longest source text (an IPv6 CIDR is at most 43 characters).</summary>
    public const int MaxSourceLength = 64;

    /// <summary>Longest target URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The API's rules in evaluation order; <see cref="EntityNotFoundException"/> when the API does not exist.</summary>
    public async Task<IReadOnlyList<ApiIpDiversion>> ListAsync(int apiId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireApiAsync(db, apiId, cancellationToken);
        return await db.ApiIpDiversions.AsNoTracking().Where(d => d.ApiDefinitionId == apiId).OrderBy(d => d.Position).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Validates <paramref name="rules"/> and makes them the API's whole list (in the given order) in one write; field
    /// errors are keyed <c>rules</c>, <c>rules[i].source</c>, <c>rules[i].targetUrl</c>.
    /// </summary>
    public async Task<IReadOnlyList<ApiIpDiversion>> ReplaceAsync(int apiId, IReadOnlyList<ApiDiversionRule?>? rules, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireApiAsync(db, apiId, cancellationToken);
        var errors = new ValidationErrors();
        var normalized = ApiDiversionRules.Validate(rules, errors);
        errors.ThrowIfAny();

        var existing = await db.ApiIpDiversions.Where(d => d.ApiDefinitionId == apiId).OrderBy(d => d.Position).ToListAsync(cancellationToken);
        var before = existing.Select(ApiDiversionRule.From).ToList();
        // Rows are reused position by position (the unique (API, position) index never sees two rows at one position),
        // surplus rows removed, missing ones added: one transaction through the writer.
        var rows = new List<ApiIpDiversion>(normalized.Count);
        for (var i = 0; i < normalized.Count; i++)
        {
            var row = i < existing.Count ? existing[i] : new ApiIpDiversion { ApiDefinitionId = apiId, Position = i, Source = "", TargetUrl = "" };
            row.Source = normalized[i].Source!;
            row.TargetUrl = normalized[i].TargetUrl!;
            if (i >= existing.Count)
            {
                db.ApiIpDiversions.Add(row);
            }

            rows.Add(row);
        }

        db.ApiIpDiversions.RemoveRange(existing.Skip(normalized.Count));
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, apiId.ToString(CultureInfo.InvariantCulture), "Replaced", new { Rules = before }, new { Rules = normalized }), cancellationToken);
        return rows;
    }

    private static async Task RequireApiAsync(GatewayDbContext db, int apiId, CancellationToken cancellationToken)
    {
        if (!await db.Apis.AnyAsync(a => a.Id == apiId, cancellationToken))
        {
            throw new EntityNotFoundException("API", apiId.ToString(CultureInfo.InvariantCulture));
        }
    }
}
