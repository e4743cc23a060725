namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>The last active probe of a target: its result ("HTTP 200", "timeout", "connection refused", …) and when (UTC).</summary>
public sealed record TargetProbe(string Result, DateTime At);
