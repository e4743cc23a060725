using ApiManager.Gateway.Groups;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// When one API group may be used: its allowed days and daily window in its time zone. The day is the day of the
/// current local time (for a window crossing midnight, 02:00 on Saturday counts as Saturday).
/// </summary>
internal sealed class GroupWindow(int groupId, string name, AllowedDays days, TimeWindow window, TimeZoneInfo timeZone)
{
    public int GroupId { get; } = groupId;

    public string Name { get; } = name;

    public AllowedDays Days { get; } = days;

    public TimeWindow Window { get; } = window;

    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>True when the group is always open (no conversion needed).</summary>
    public bool IsAlwaysOpen { get; } = (days & AllowedDays.All) == AllowedDays.All && window.IsAllDay;

    public bool IsOpen(DateTimeOffset utcNow)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(utcNow, TimeZone);
        var day = (AllowedDays)(1 << (int)local.DayOfWeek);
        return (Days & day) != 0 && Window.Contains(TimeOnly.FromDateTime(local.DateTime));
    }
}
