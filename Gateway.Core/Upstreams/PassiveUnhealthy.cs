namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.passive.unhealthy</c>: which outcomes of real traffic count as failures, and how many trip.</summary>
public sealed record PassiveUnhealthy
{
    public static readonly IReadOnlyList<int> DefaultStatuses = [429, 500, 503];

    public IReadOnlyList<int> HttpStatuses { get; init; } = DefaultStatuses;
    public int TcpFailures { get; init; }
    public int Timeouts { get; init; }
    public int HttpFailures { get; init; }
}
