namespace ApiManager.Gateway.Auditing;

/// <summary>Filters of the audit log; all optional.</summary>
public sealed record AuditQuery
{
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
}
