namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.active.unhealthy</c>: how unhealthy targets are probed and when a healthy one is taken out.</summary>
public sealed record ActiveUnhealthy
{
    public static readonly IReadOnlyList<int> DefaultStatuses = [429, 404, 500, 501, 502, 503, 504, 505];

    /// <summary>Seconds between probes of unhealthy targets; 0 = do not probe them.</summary>
    public double Interval { get; init; }

    public IReadOnlyList<int> HttpStatuses { get; init; } = DefaultStatuses;
    public int TcpFailures { get; init; }
    public int Timeouts { get; init; }
    public int HttpFailures { get; init; }
}
