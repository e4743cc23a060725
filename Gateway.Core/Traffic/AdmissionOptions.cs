namespace ApiManager.Gateway.Traffic;

/// <summary>
/// Priority admission (<c>Gateway:Admission</c>): above <see cref="MaxInFlight"/> forwarded requests on this node,
/// further requests wait in a priority queue (0 first) for at most <see cref="MaxWaitMs"/>.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Gateway:Admission";

    /// <summary>Forwarded requests in flight on this node above which requests queue; 0 turns admission off.</summary>
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>Longest wait in the queue before 503 <c>gateway_busy</c>.</summary>
    public int MaxWaitMs { get; set; } = 2000;

    /// <summary>Most requests waiting at once (all priorities); beyond it 503 at once.</summary>
    public int QueueLimit { get; set; } = 5000;

    /// <summary>Priority of public APIs (no client) and of clients the gateway does not know: 0 (highest) to 9.</summary>
    public int DefaultPriority { get; set; } = 5;
}
