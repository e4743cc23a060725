using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>Converts between <see cref="AllowedDays"/> flags and lists of days.</summary>
internal static class ApiGroupDays
{
    public static AllowedDays ToFlags(IEnumerable<DayOfWeek> days) =>
        days.Aggregate(AllowedDays.None, (flags, day) => flags | (Enum.IsDefined(day) ? (AllowedDays)(1 << (int)day) : (AllowedDays)(1 << 7)));

    public static IReadOnlyList<DayOfWeek> ToList(AllowedDays flags) =>
        [.. Enum.GetValues<DayOfWeek>().Where(d => flags.HasFlag((AllowedDays)(1 << (int)d)))];
}
