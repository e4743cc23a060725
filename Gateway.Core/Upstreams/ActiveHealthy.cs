namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.active.healthy</c>: how healthy targets are probed and when an unhealthy one comes back.</summary>
public sealed record ActiveHealthy
{
    public static readonly IReadOnlyList<int> DefaultStatuses = [200, 302];

    /// <summary>Seconds between probes of healthy targets; 0 = do not probe them.</summary>
    public double Interval { get; init; }

    public IReadOnlyList<int> HttpStatuses { get; init; } = DefaultStatuses;

    /// <summary>Successful probes in a row that mark an unhealthy target healthy; 0 = never.</summary>
    public int Successes { get; init; }
}
