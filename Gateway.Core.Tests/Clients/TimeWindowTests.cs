using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Tests.Clients;

public sealed class TimeWindowTests
{
    [Theory]
    [InlineData("09:00", "17:00", "09:00", true)]
    [InlineData("09:00", "17:00", "16:59", true)]
    [InlineData("09:00", "17:00", "17:00", false)]
    [InlineData("09:00", "17:00", "08:59", false)]
    [InlineData("22:00", "06:00", "23:30", true)]
    [InlineData("22:00", "06:00", "02:00", true)]
    [InlineData("22:00", "06:00", "06:00", false)]
    [InlineData("22:00", "06:00", "12:00", false)]
    [InlineData(null, "06:00", "05:00", true)]
    [InlineData(null, "06:00", "07:00", false)]
    [InlineData("20:00", null, "23:59", true)]
    [InlineData("20:00", null, "19:00", false)]
    [InlineData(null, null, "03:00", true)]
    [InlineData("08:00", "08:00", "03:00", true)]
    public void Contains_Window_MatchesExpected(string? start, string? end, string time, bool expected)
    {
        // Arrange
        var window = new TimeWindow(start is null ? null : TimeOnly.Parse(start), end is null ? null : TimeOnly.Parse(end));

        // Act
        var contains = window.Contains(TimeOnly.Parse(time));

        // Assert
        Assert.Equal(expected, contains);
    }
}
