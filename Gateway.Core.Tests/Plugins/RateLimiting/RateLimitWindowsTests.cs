using ApiManager.Gateway.Plugins.RateLimiting;

namespace ApiManager.Gateway.Tests.Plugins.RateLimiting;

/// <summary>Rate-limit windows are fixed and aligned to the UTC calendar.</summary>
public sealed class RateLimitWindowsTests
{
    public static TheoryData<int, string, string, string> Windows => new()
    {
        { (int)RateLimitPeriod.Second, "2026-03-14T15:09:26.5358979Z", "2026-03-14T15:09:26Z", "2026-03-14T15:09:27Z" },
        { (int)RateLimitPeriod.Minute, "2026-03-14T15:09:26.5Z", "2026-03-14T15:09:00Z", "2026-03-14T15:10:00Z" },
        { (int)RateLimitPeriod.Hour, "2026-03-14T15:09:26.5Z", "2026-03-14T15:00:00Z", "2026-03-14T16:00:00Z" },
        { (int)RateLimitPeriod.Day, "2026-03-14T23:59:59.9999999Z", "2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z" },
        { (int)RateLimitPeriod.Month, "2026-03-14T15:09:26Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z" },
        { (int)RateLimitPeriod.Year, "2026-03-14T15:09:26Z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z" },
        { (int)RateLimitPeriod.Second, "2026-12-31T23:59:59.999Z", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z" },
        { (int)RateLimitPeriod.Day, "2028-02-29T12:00:00Z", "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z" },
        { (int)RateLimitPeriod.Month, "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z" },
        { (int)RateLimitPeriod.Year, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Start_AnyInstant_WindowAlignedToUtcCalendar(int periodValue, string now, string start, string end)
    {
        // Arrange
        var period = (RateLimitPeriod)periodValue;
        var ticks = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture).UtcTicks;

        // Act
        var windowStart = RateLimitWindows.Start(period, ticks);
        var windowEnd = RateLimitWindows.End(period, windowStart);

        // Assert
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, windowStart);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, windowEnd);
    }

    [Theory]
    [InlineData(2026, 1, 31)]
    [InlineData(2026, 2, 28)]
    [InlineData(2028, 2, 29)]
    [InlineData(2100, 2, 28)]
    [InlineData(2000, 2, 29)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 12, 31)]
    public void End_Month_WindowIsTheCalendarMonthsLength(int year, int month, int days)
    {
        // Arrange
        var inMonth = new DateTime(year, month, 15, 8, 0, 0, DateTimeKind.Utc).Ticks;

        // Act
        var start = RateLimitWindows.Start(RateLimitPeriod.Month, inMonth);
        var end = RateLimitWindows.End(RateLimitPeriod.Month, start);

        // Assert
        Assert.Equal(TimeSpan.FromDays(days).Ticks, end - start);
    }

    [Theory]
    [InlineData(2026, 365)]
    [InlineData(2028, 366)]
    [InlineData(2100, 365)]
    [InlineData(2000, 366)]
    public void End_Year_LeapYearsHave366Days(int year, int days)
    {
        // Arrange
        var inYear = new DateTime(year, 6, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        // Act
        var start = RateLimitWindows.Start(RateLimitPeriod.Year, inYear);

        // Assert
        Assert.Equal(TimeSpan.FromDays(days).Ticks, RateLimitWindows.End(RateLimitPeriod.Year, start) - start);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(500, 60)]
    [InlineData(1000, 59)]
    [InlineData(59_999, 1)]
    public void ResetSeconds_MinuteWindow_WindowLengthMinusWholeSecondsElapsed(int elapsedMs, long expected)
    {
        // Arrange
        var start = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc).Ticks;
        var end = RateLimitWindows.End(RateLimitPeriod.Minute, start);

        // Act
        var reset = RateLimitWindows.ResetSeconds(start, end, start + TimeSpan.FromMilliseconds(elapsedMs).Ticks);

        // Assert
        Assert.Equal(expected, reset);
    }
}
