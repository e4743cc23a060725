using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Traffic;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>Quota period bounds in the client's time zone, across DST changes and in a half-hour zone.</summary>
public sealed class QuotaPeriodsTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    [Fact]
    public void Containing_DailyInUtcPlus8_StartsAtLocalMidnight()
    {
        // Arrange: 17:00 UTC is already 01:00 the next day in Taipei.
        var now = Utc(2026, 11, 22, 17, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, Taipei, now);

        // Assert
        Assert.Equal(Utc(2026, 11, 22, 16, 0), start);
        Assert.Equal(Utc(2026, 11, 23, 16, 0), end);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void Containing_DailyInNewYorkOnSpringForwardDay_Lasts23Hours()
    {
        // Arrange: 2026-03-08 is the second Sunday of March (EST → EDT at 02:00).
        var now = Utc(2026, 3, 8, 12, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, NewYork, now);

        // Assert
        Assert.Equal(Utc(2026, 3, 8, 5, 0), start);
        Assert.Equal(Utc(2026, 3, 9, 4, 0), end);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void Containing_DailyInNewYorkOnFallBackDay_Lasts25Hours()
    {
        // Arrange: 2026-11-01 is the first Sunday of November (EDT → EST at 02:00).
        var now = Utc(2026, 11, 1, 20, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, NewYork, now);

        // Assert
        Assert.Equal(Utc(2026, 11, 1, 4, 0), start);
        Assert.Equal(Utc(2026, 11, 2, 5, 0), end);
    }

    [Fact]
    public void Containing_WeeklyInNewYork_StartsOnMondayAfterTheDstChange()
    {
        // Arrange: Wednesday 2026-03-11; the week began on Monday 2026-03-09 (already EDT).
        var now = Utc(2026, 3, 11, 12, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Weekly, NewYork, now);

        // Assert
        Assert.Equal(Utc(2026, 3, 9, 4, 0), start);
        Assert.Equal(Utc(2026, 3, 16, 4, 0), end);
    }

    [Fact]
    public void Containing_WeeklyOnSunday_BelongsToTheWeekStartedLastMonday()
    {
        // Arrange: Sunday 2026-11-22 in UTC.
        var now = Utc(2026, 11, 22, 23, 59);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Weekly, TimeZoneInfo.Utc, now);

        // Assert
        Assert.Equal(Utc(2026, 11, 16, 0, 0), start);
        Assert.Equal(Utc(2026, 11, 23, 0, 0), end);
    }

    [Fact]
    public void Containing_MonthlyInHalfHourZone_StartsOnTheFirstAtLocalMidnight()
    {
        // Arrange: 20:00 UTC on 28 February is 01:30 on 1 March in Kolkata (UTC+05:30).
        var now = Utc(2026, 2, 28, 20, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Monthly, Kolkata, now);

        // Assert
        Assert.Equal(Utc(2026, 2, 28, 18, 30), start);
        Assert.Equal(Utc(2026, 3, 31, 18, 30), end);
    }

    [Fact]
    public void Containing_DailyWhereMidnightIsSkipped_StartsWhenTheClocksJump()
    {
        // Arrange: in Santiago 2026-09-06 00:00 does not exist (23:59:59 −04 is followed by 01:00 −03 at 04:00 UTC).
        var now = Utc(2026, 9, 6, 12, 0);

        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, Santiago, now);
        var (previousStart, previousEnd) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, Santiago, Utc(2026, 9, 6, 3, 59));

        // Assert
        Assert.Equal(Utc(2026, 9, 6, 4, 0), start);
        Assert.Equal(Utc(2026, 9, 7, 3, 0), end);
        Assert.Equal(Utc(2026, 9, 5, 4, 0), previousStart);
        Assert.Equal(start, previousEnd);
    }

    [Fact]
    public void Containing_AtTheBoundary_BelongsToTheNewPeriod()
    {
        // Arrange
        var boundary = Utc(2026, 11, 22, 16, 0);

        // Act
        var (before, _) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, Taipei, boundary.AddTicks(-1));
        var (at, _) = QuotaPeriods.Containing(QuotaResetPeriod.Daily, Taipei, boundary);

        // Assert
        Assert.Equal(Utc(2026, 11, 21, 16, 0), before);
        Assert.Equal(boundary, at);
    }

    [Fact]
    public void Containing_NoResetPeriod_NeverEnds()
    {
        // Act
        var (start, end) = QuotaPeriods.Containing(QuotaResetPeriod.None, Taipei, Utc(2026, 11, 22, 17, 0));

        // Assert
        Assert.Equal(QuotaPeriods.NeverStart, start);
        Assert.Equal(DateTime.MaxValue, end);
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
