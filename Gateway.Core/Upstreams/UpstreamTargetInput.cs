namespace ApiManager.Gateway.Upstreams;

/// <summary>What an admin submits to add or edit a target.</summary>
public sealed record UpstreamTargetInput
{
    /// <summary><c>host:port</c>, <c>ip:port</c> or <c>[ipv6]:port</c>; the port defaults to 8000.</summary>
    public string Target { get; init; } = "";
    public int? Weight { get; init; }
}
