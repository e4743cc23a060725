using ApiManager.Gateway.Upstreams.Runtime.Health;

namespace ApiManager.Gateway.Upstreams;

/// <summary>
/// One target's live state on this node: <c>healthy</c>, <c>unhealthy</c> or <c>disabled</c> (weight 0), its health-check
/// counters, the last active probe, and when, by whom (<see cref="HealthSources"/>) and why the flag last changed.
/// </summary>
public sealed record UpstreamTargetHealth(
    int Id,
    string Target,
    int Weight,
    string State,
    DateTime? ChangedAt,
    string? ChangedBy,
    string? ChangeReason,
    UpstreamTargetCounters Counters,
    string? LastProbe,
    DateTime? LastProbeAt)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Disabled = "disabled";
}
