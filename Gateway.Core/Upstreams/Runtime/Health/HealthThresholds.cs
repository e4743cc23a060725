namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>The counts that flip a target (0 = that counter never trips); <see cref="MayEnable"/> is false for passive checks.</summary>
internal sealed record HealthThresholds(int Successes, int HttpFailures, int TcpFailures, int Timeouts, bool MayEnable)
{
    /// <summary>The threshold of a failure kind.</summary>
    public int For(HealthReport report) => report switch
    {
        HealthReport.HttpFailure => HttpFailures,
        HealthReport.TcpFailure => TcpFailures,
        HealthReport.Timeout => Timeouts,
        _ => Successes,
    };
}
