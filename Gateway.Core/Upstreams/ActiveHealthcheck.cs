namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.active</c>: probes sent by the gateway on its own (intervals and timeout in seconds).</summary>
public sealed record ActiveHealthcheck
{
    public const double DefaultTimeout = 1;
    public const int DefaultConcurrency = 10;

    public string Type { get; init; } = HealthcheckTypes.Http;
    public string HttpPath { get; init; } = "/";
    public double Timeout { get; init; } = DefaultTimeout;
    public int Concurrency { get; init; } = DefaultConcurrency;
    public bool HttpsVerifyCertificate { get; init; } = true;

    /// <summary>Request headers of http/https probes (name → values).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public ActiveHealthy Healthy { get; init; } = new();
    public ActiveUnhealthy Unhealthy { get; init; } = new();
}
