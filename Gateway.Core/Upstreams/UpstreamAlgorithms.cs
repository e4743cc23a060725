namespace ApiManager.Gateway.Upstreams;

/// <summary>The balancing algorithms, by their Kong names.</summary>
public static class UpstreamAlgorithms
{
    public const string RoundRobin = "round-robin";
    public const string LeastConnections = "least-connections";
    public const string ConsistentHashing = "consistent-hashing";

    public static readonly IReadOnlyList<string> All = [RoundRobin, LeastConnections, ConsistentHashing];
}
