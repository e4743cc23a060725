namespace ApiManager.Gateway.Upstreams;

/// <summary>One target's live state: <c>healthy</c>, <c>unhealthy</c> or <c>disabled</c> (weight 0).</summary>
public sealed record UpstreamTargetHealth(int Id, string Target, int Weight, string State, DateTime? ChangedAt, string? ChangedBy)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Disabled = "disabled";
}
