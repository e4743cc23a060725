using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Traffic;

/// <summary>A client's API quota usage in its current period, as counted live on this node.</summary>
/// <param name="Quota">Calls allowed per period; 0 = unlimited.</param>
/// <param name="Used">Calls counted in the current period.</param>
/// <param name="Period">The reset period.</param>
/// <param name="Zone">The client's time zone (periods start at its midnight).</param>
/// <param name="PeriodStartUtc">Start of the current period.</param>
/// <param name="ResetsAtUtc">Start of the next period; null when the quota never resets.</param>
internal sealed record QuotaUsage(long Quota, long Used, QuotaResetPeriod Period, TimeZoneInfo Zone, DateTime PeriodStartUtc, DateTime? ResetsAtUtc)
{
    public bool IsUnlimited => Quota <= 0;

    /// <summary>Calls left in the period (0 when unlimited).</summary>
    public long Remaining => IsUnlimited ? 0 : Math.Max(0, Quota - Used);
}
