namespace ApiManager.Gateway.Upstreams;

/// <summary>A target's health-check counters (successes count while unhealthy, failures while healthy, as in Kong).</summary>
public sealed record UpstreamTargetCounters(int Successes, int HttpFailures, int TcpFailures, int Timeouts);
