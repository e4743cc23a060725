namespace ApiManager.Gateway.Upstreams;

/// <summary>Kong's <c>healthchecks.passive.healthy</c>: which response statuses count as successes.</summary>
public sealed record PassiveHealthy
{
    public static readonly IReadOnlyList<int> DefaultStatuses =
        [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308];

    public IReadOnlyList<int> HttpStatuses { get; init; } = DefaultStatuses;

    /// <summary>Counted for display; passive successes never re-enable a target (as in Kong).</summary>
    public int Successes { get; init; }
}
