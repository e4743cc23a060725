namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.passive</c>: counters fed by real traffic (they take a target out, never bring it back).</summary>
public sealed record PassiveHealthcheck
{
    public string Type { get; init; } = HealthcheckTypes.Http;
    public PassiveHealthy Healthy { get; init; } = new();
    public PassiveUnhealthy Unhealthy { get; init; } = new();
}
