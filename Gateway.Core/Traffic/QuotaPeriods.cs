using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// Quota period bounds: a period starts at local midnight in the client's time zone (a week on Monday, a month on its
/// first day). Daylight-saving changes are honoured: a midnight that falls in a spring-forward gap starts at the first
/// instant after the gap, an ambiguous midnight starts at its first occurrence. A quota that never resets has one
/// period from <see cref="NeverStart"/> on.
/// </summary>
internal static class QuotaPeriods
{
    /// <summary>Start stored for a quota without reset period.</summary>
    public static readonly DateTime NeverStart = DateTime.UnixEpoch;

    /// <summary>The period of <paramref name="period"/> in <paramref name="zone"/> that contains <paramref name="nowUtc"/>.</summary>
    public static (DateTime StartUtc, DateTime EndUtc) Containing(QuotaResetPeriod period, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (period == QuotaResetPeriod.None)
        {
            return (NeverStart, DateTime.MaxValue);
        }

        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone));
        var first = period switch
        {
            QuotaResetPeriod.Weekly => localToday.AddDays(-(((int)localToday.DayOfWeek + 6) % 7)),
            QuotaResetPeriod.Monthly => new DateOnly(localToday.Year, localToday.Month, 1),
            _ => localToday,
        };
        var next = period switch
        {
            QuotaResetPeriod.Weekly => first.AddDays(7),
            QuotaResetPeriod.Monthly => first.AddMonths(1),
            _ => first.AddDays(1),
        };

        var start = MidnightUtc(first, zone);
        return (start, MidnightUtc(next, zone));
    }

    /// <summary>The UTC instant at which local <paramref name="date"/> begins in <paramref name="zone"/>.</summary>
    public static DateTime MidnightUtc(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            // First occurrence: the larger offset gives the earlier instant.
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var largest = offsets[0];
            foreach (var offset in offsets)
            {
                if (offset > largest)
                {
                    largest = offset;
                }
            }

            return DateTime.SpecifyKind(local - largest, DateTimeKind.Utc);
        }

        if (zone.IsInvalidTime(local))
        {
            // Midnight is skipped: the day starts when the clocks jump past it. Search the first UTC second whose local
            // time is at or after midnight (offsets lie within ±14 h, so the instant is within these bounds).
            var low = local.AddHours(-15).Ticks / TimeSpan.TicksPerSecond;
            var high = local.AddHours(15).Ticks / TimeSpan.TicksPerSecond;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var utc = new DateTime(middle * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                if (TimeZoneInfo.ConvertTimeFromUtc(utc, zone) >= local)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return new DateTime(low * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
