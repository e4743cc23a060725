using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An API group as the admin API returns it, with its level's code and the ids of its APIs.</summary>
internal sealed record ApiGroupResponse(
    int Id,
    string Name,
    string? Alias,
    string? Description,
    int SecurityLevelId,
    string? SecurityLevelCode,
    IReadOnlyList<DayOfWeek> AllowedDays,
    TimeOnly? AllowedStartTime,
    TimeOnly? AllowedEndTime,
    string TimeZoneId,
    IReadOnlyList<int> ApiIds,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static ApiGroupResponse From(ApiGroup g) => new(
        g.Id, g.Name, g.Alias, g.Description, g.SecurityLevelId, g.SecurityLevel?.Code, ApiGroupDays.ToList(g.AllowedDays),
        g.AllowedStartTime, g.AllowedEndTime, g.TimeZoneId, [.. g.Apis.Select(a => a.ApiDefinitionId).Order()], g.CreatedAt, g.UpdatedAt,
        g.ConcurrencyStamp);
}
