using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// What the admin API accepts to create or replace an API group. <c>allowedDays</c> lists day names (omitted = every
/// day); <c>securityLevelId</c> omitted = the default level; times are <c>HH:mm:ss</c>.
/// </summary>
internal sealed record ApiGroupRequest
{
    public string? Name { get; init; }
    public string? Alias { get; init; }
    public string? Description { get; init; }
    public int? SecurityLevelId { get; init; }
    public IReadOnlyList<DayOfWeek>? AllowedDays { get; init; }
    public TimeOnly? AllowedStartTime { get; init; }
    public TimeOnly? AllowedEndTime { get; init; }
    public string? TimeZoneId { get; init; }
    public Guid? ConcurrencyStamp { get; init; }

    public ApiGroupInput ToInput() => new()
    {
        Name = Name ?? "",
        Alias = Alias,
        Description = Description,
        SecurityLevelId = SecurityLevelId,
        AllowedDays = AllowedDays is null ? Gateway.Groups.AllowedDays.All : ApiGroupDays.ToFlags(AllowedDays),
        AllowedStartTime = AllowedStartTime,
        AllowedEndTime = AllowedEndTime,
        TimeZoneId = TimeZoneId ?? "UTC",
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
