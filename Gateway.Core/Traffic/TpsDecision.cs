namespace ApiManager.Gateway.Traffic;

/// <summary>The outcome of one TPS/Node check: allowed or not, the limit and the calls left in the current second.</summary>
internal readonly record struct TpsDecision(bool Allowed, int Limit, int Remaining)
{
    /// <summary>For clients without a limit (TPS/Node 0): nothing is counted and no header is sent.</summary>
    public static TpsDecision Unlimited { get; } = new(true, 0, 0);

    public bool IsLimited => Limit > 0;
}
