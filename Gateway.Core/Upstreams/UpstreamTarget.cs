namespace ApiManager.Gateway.Upstreams;

/// <summary>One <c>host:port</c> of an upstream with its weight (0 disables it).</summary>
public sealed class UpstreamTarget
{
    public const int DefaultWeight = 100;
    public const int MaxWeight = 65535;
    public const int DefaultPort = 8000;

    public int Id { get; set; }
    public int UpstreamId { get; set; }
    public required string Target { get; set; }
    public int Weight { get; set; } = DefaultWeight;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
