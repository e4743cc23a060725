namespace ApiManager.Gateway.Traffic;

/// <summary>
/// One quota period of one client: its UTC bounds and the calls counted in it. <see cref="Used"/> is changed only by
/// compare-and-swap; a new period is a new window (swapped in by <see cref="ClientQuotaCounter"/>), so the start and the
/// count always belong together.
/// </summary>
internal sealed class QuotaWindow(DateTime startUtc, DateTime endUtc, long used)
{
    /// <summary>First instant of the period (UTC).</summary>
    public DateTime StartUtc { get; } = startUtc;

    /// <summary>First instant of the next period (UTC); <see cref="DateTime.MaxValue"/> for a quota that never resets.</summary>
    public DateTime EndUtc { get; } = endUtc;

    /// <summary><see cref="EndUtc"/> in ticks (compared on every call).</summary>
    public long EndTicks { get; } = endUtc.Ticks;

    /// <summary>Calls counted in this period.</summary>
    public long Used = used;
}
