namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>Turns the calendar days admins pick into UTC instants in the client's time zone.</summary>
internal static class XApiKeyDates
{
    /// <summary>The client's zone; UTC when the id is empty or unknown (as the gateway does).</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (local midnight, or the first valid local time after a DST gap).</summary>
    public static DateTime StartOfDay(DateOnly date, TimeZoneInfo zone) => ToUtc(date.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>The last instant of <paramref name="date"/> in <paramref name="zone"/>: one tick before the next day starts.</summary>
    public static DateTime EndOfDay(DateOnly date, TimeZoneInfo zone) => StartOfDay(date.AddDays(1), zone).AddTicks(-1);

    /// <summary>The calendar day in <paramref name="zone"/> of a UTC instant.</summary>
    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
