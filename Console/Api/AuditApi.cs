using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Auditing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/audit</c>: the audit log, newest first, with filters.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithName("ListAudit")
            .WithSummary("Lists audit rows, newest first. from/to are ISO 8601 date-times (UTC when no offset is given).")
            .ProducesValidationProblem();
        return api;
    }

    internal static async Task<Ok<PageResponse<AuditEntryResponse>>> ListAsync(
        string? entityType,
        string? entityId,
        string? actor,
        string? action,
        DateTime? from,
        DateTime? to,
        string? q,
        int? page,
        int? pageSize,
        AuditLogService audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fromUtc = AdminApiQuery.Utc(from);
        var toUtc = AdminApiQuery.Utc(to);
        if (fromUtc is { } f && toUtc is { } t && f > t)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }

        var request = AdminApiQuery.Page(page, pageSize, q, errors);
        var filter = new AuditQuery { EntityType = entityType?.Trim(), EntityId = entityId?.Trim(), Actor = actor?.Trim(), Action = action?.Trim(), From = fromUtc, To = toUtc };
        var result = await audit.ListAsync(filter, request, cancellationToken);
        return TypedResults.Ok(new PageResponse<AuditEntryResponse>([.. result.Items.Select(AuditEntryResponse.From)], result.Total, result.Page, result.PageSize));
    }
}
