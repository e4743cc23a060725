namespace ApiManager.Gateway.Upstreams;

/// <summary>What an admin submits to create or update an upstream (targets are managed separately).</summary>
public sealed record UpstreamInput
{
    public string Name { get; init; } = "";
    public string? Algorithm { get; init; }
    public string? HashOn { get; init; }
    public string? HashOnHeader { get; init; }
    public string? HashOnCookie { get; init; }
    public string? HashOnCookiePath { get; init; }
    public string? HashOnQueryArg { get; init; }
    public string? HashFallback { get; init; }
    public string? HashFallbackHeader { get; init; }
    public string? HashFallbackQueryArg { get; init; }
    public int? Slots { get; init; }

    /// <summary>Health checks; null means Kong's defaults (no active probes, passive counters off).</summary>
    public UpstreamHealthchecks? Healthchecks { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static UpstreamInput From(Upstream u) => new()
    {
        Name = u.Name,
        Algorithm = u.Algorithm,
        HashOn = u.HashOn,
        HashOnHeader = u.HashOnHeader,
        HashOnCookie = u.HashOnCookie,
        HashOnCookiePath = u.HashOnCookiePath,
        HashOnQueryArg = u.HashOnQueryArg,
        HashFallback = u.HashFallback,
        HashFallbackHeader = u.HashFallbackHeader,
        HashFallbackQueryArg = u.HashFallbackQueryArg,
        Slots = u.Slots,
        Healthchecks = u.Healthchecks,
        ConcurrencyStamp = u.ConcurrencyStamp,
    };
}
