using System.Globalization;
using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the API group form (mutable for binding); converts to <see cref="ApiGroupInput"/>.</summary>
internal sealed class ApiGroupForm
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    public string Name { get; set; } = "";
    public string? Alias { get; set; }
    public string? Description { get; set; }

    /// <summary>Null = the default level.</summary>
    public int? SecurityLevelId { get; set; }
    public IReadOnlyCollection<DayOfWeek> Days { get; set; } = Enum.GetValues<DayOfWeek>();

    /// <summary>Start of the daily window as HH:mm; empty = no window.</summary>
    public string? StartTime { get; set; }

    /// <summary>End of the daily window as HH:mm; empty = no window.</summary>
    public string? EndTime { get; set; }
    public string TimeZoneId { get; set; } = "UTC";
    public Guid? ConcurrencyStamp { get; set; }

    public static ApiGroupForm From(ApiGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new ApiGroupForm
        {
            Name = group.Name,
            Alias = group.Alias,
            Description = group.Description,
            SecurityLevelId = group.SecurityLevelId,
            Days = ToDays(group.AllowedDays),
            StartTime = group.AllowedStartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
            EndTime = group.AllowedEndTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeZoneId = group.TimeZoneId,
            ConcurrencyStamp = group.ConcurrencyStamp,
        };
    }

    public static IReadOnlyList<DayOfWeek> ToDays(AllowedDays flags) =>
        [.. Enum.GetValues<DayOfWeek>().Where(d => flags.HasFlag((AllowedDays)(1 << (int)d)))];

    /// <summary>Builds the input; times that do not parse are reported in <paramref name="timeErrors"/> (field → message).</summary>
    public ApiGroupInput ToInput(Dictionary<string, string[]> timeErrors)
    {
        ArgumentNullException.ThrowIfNull(timeErrors);
        return new ApiGroupInput
        {
            Name = Name,
            Alias = Alias,
            Description = Description,
            SecurityLevelId = SecurityLevelId,
            AllowedDays = (Days ?? []).Aggregate(AllowedDays.None, (flags, day) => flags | (AllowedDays)(1 << (int)day)),
            AllowedStartTime = ParseTime(StartTime, "allowedStartTime", timeErrors),
            AllowedEndTime = ParseTime(EndTime, "allowedEndTime", timeErrors),
            TimeZoneId = TimeZoneId,
            ConcurrencyStamp = ConcurrencyStamp,
        };
    }

    private static TimeOnly? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = ["Enter a time as HH:mm (24-hour), e.g. 08:30."];
        return null;
    }
}
