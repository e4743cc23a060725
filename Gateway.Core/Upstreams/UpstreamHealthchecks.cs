namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks</c> of an upstream: active probes and passive observation of real traffic.</summary>
public sealed record UpstreamHealthchecks
{
    public ActiveHealthcheck Active { get; init; } = new();
    public PassiveHealthcheck Passive { get; init; } = new();
}
