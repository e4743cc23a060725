namespace ApiManager.Gateway.Auditing;

/// <summary>What an audited write did to one entity.</summary>
public sealed record AuditChange(string EntityType, string EntityId, string Action, object? Before, object? After);
