namespace ApiManager.Gateway.Upstreams;

/// <summary>
/// A named pool of targets (Kong's upstream). A backend whose host equals the upstream's name is served by its targets,
/// balanced by <see cref="Algorithm"/>.
/// </summary>
public sealed class Upstream
{
    public const int DefaultSlots = 10000;
    public const int MinSlots = 10;
    public const int MaxSlots = 65536;

    public int Id { get; set; }
    public required string Name { get; set; }
    public string Algorithm { get; set; } = UpstreamAlgorithms.RoundRobin;
    public string HashOn { get; set; } = UpstreamHashKinds.None;
    public string? HashOnHeader { get; set; }
    public string? HashOnCookie { get; set; }
    public string HashOnCookiePath { get; set; } = "/";
    public string? HashOnQueryArg { get; set; }
    public string HashFallback { get; set; } = UpstreamHashKinds.None;
    public string? HashFallbackHeader { get; set; }
    public string? HashFallbackQueryArg { get; set; }
    public int Slots { get; set; } = DefaultSlots;

    /// <summary>Active and passive health checks (stored as one JSON column).</summary>
    public UpstreamHealthchecks Healthchecks { get; set; } = new();

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<UpstreamTarget> Targets { get; set; } = [];
}
