namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// Fixed rate-limiting windows aligned to calendar boundaries in UTC: a second, minute, hour or day starts at the
/// whole UTC second, minute, hour or midnight; a month on the 1st at 00:00 UTC (so windows are 28 to 31 days long);
/// a year on 1 January at 00:00 UTC (365 or 366 days). Kong aligns the same way.
/// </summary>
internal static class RateLimitWindows
{
    /// <summary>The field name (Kong's) of each period, indexed by <see cref="RateLimitPeriod"/>.</summary>
    public static readonly string[] FieldNames = ["second", "minute", "hour", "day", "month", "year"];

    /// <summary>The start of the window of <paramref name="period"/> containing <paramref name="utcTicks"/> (UTC ticks).</summary>
    public static long Start(RateLimitPeriod period, long utcTicks) => period switch
    {
        RateLimitPeriod.Second => utcTicks - (utcTicks % TimeSpan.TicksPerSecond),
        RateLimitPeriod.Minute => utcTicks - (utcTicks % TimeSpan.TicksPerMinute),
        RateLimitPeriod.Hour => utcTicks - (utcTicks % TimeSpan.TicksPerHour),
        RateLimitPeriod.Day => utcTicks - (utcTicks % TimeSpan.TicksPerDay),
        RateLimitPeriod.Month => MonthStart(utcTicks),
        RateLimitPeriod.Year => new DateTime(new DateTime(utcTicks, DateTimeKind.Utc).Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks,
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>The end (exclusive) of the window of <paramref name="period"/> that starts at <paramref name="startTicks"/>.</summary>
    public static long End(RateLimitPeriod period, long startTicks) => period switch
    {
        RateLimitPeriod.Second => startTicks + TimeSpan.TicksPerSecond,
        RateLimitPeriod.Minute => startTicks + TimeSpan.TicksPerMinute,
        RateLimitPeriod.Hour => startTicks + TimeSpan.TicksPerHour,
        RateLimitPeriod.Day => startTicks + TimeSpan.TicksPerDay,
        RateLimitPeriod.Month => new DateTime(startTicks, DateTimeKind.Utc).AddMonths(1).Ticks,
        RateLimitPeriod.Year => new DateTime(startTicks, DateTimeKind.Utc).AddYears(1).Ticks,
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>
    /// Whole seconds until the window ends, at least 1 (Kong's <c>RateLimit-Reset</c>: the window's length minus the
    /// whole seconds elapsed in it).
    /// </summary>
    public static long ResetSeconds(long startTicks, long endTicks, long utcTicks) =>
        Math.Max(1, ((endTicks - startTicks) / TimeSpan.TicksPerSecond) - ((utcTicks - startTicks) / TimeSpan.TicksPerSecond));

    private static long MonthStart(long utcTicks)
    {
        var date = new DateTime(utcTicks, DateTimeKind.Utc);
        return new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    }
}
