using System.Globalization;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>Display text of a group's days and time window.</summary>
internal static class GroupFormat
{
    public static string Days(AllowedDays days) => days == AllowedDays.All
        ? "Every day"
        : string.Join(", ", ApiGroupForm.ToDays(days).Select(d => d.ToString()[..3]));

    public static string Window(ApiGroup group) => group.AllowedStartTime is { } start && group.AllowedEndTime is { } end
        ? $"{start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)} {group.TimeZoneId}{(end < start ? " (crosses midnight)" : "")}"
        : $"All day ({group.TimeZoneId})";
}
