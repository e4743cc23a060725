using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Audit log filters and paging, newest first.</summary>
internal sealed class AuditViewModel(AuditLogService auditLog)
{
    public string? EntityType { get; set; }

    public string? Actor { get; set; }

    public string? Action { get; set; }

    /// <summary>First day shown (local date picked; compared from its start, UTC).</summary>
    public DateTime? From { get; set; }

    /// <summary>Last day shown (inclusive).</summary>
    public DateTime? To { get; set; }

    public string? Keyword { get; set; }

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public static IReadOnlyList<string> KnownActions { get; } =
        ["Created", "Updated", "Deleted", "StatusChanged", "RoleChanged", "Disabled", "Enabled", "Unlocked", "PasswordReset", "PasswordChanged", "Revoked"];

    public async Task LoadEntityTypesAsync(CancellationToken cancellationToken) =>
        EntityTypes = await auditLog.EntityTypesAsync(cancellationToken);

    /// <summary>The filter as the service takes it; dates cover whole days.</summary>
    public AuditQuery ToQuery() => new()
    {
        EntityType = Blank(EntityType),
        Actor = Blank(Actor),
        Action = Blank(Action),
        From = From is { } from ? DateTime.SpecifyKind(from.Date, DateTimeKind.Utc) : null,
        To = To is { } to ? DateTime.SpecifyKind(to.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : null,
    };

    public Task<PagedResult<AuditEntry>> LoadPageAsync(int pageIndex, int pageSize, CancellationToken cancellationToken) =>
        auditLog.ListAsync(ToQuery(), new PageRequest(pageIndex + 1, pageSize, Keyword), cancellationToken);

    public void ClearFilters()
    {
        EntityType = null;
        Actor = null;
        Action = null;
        From = null;
        To = null;
        Keyword = null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
