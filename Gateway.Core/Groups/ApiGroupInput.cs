namespace ApiManager.Gateway.Groups;

/// <summary>What an admin submits to create or update an API group (its APIs are managed separately).</summary>
public sealed record ApiGroupInput
{
    public string Name { get; init; } = "";
    public string? Alias { get; init; }
    public string? Description { get; init; }

    /// <summary>The group's level; null = the default level.</summary>
    public int? SecurityLevelId { get; init; }
    public AllowedDays AllowedDays { get; init; } = AllowedDays.All;
    public TimeOnly? AllowedStartTime { get; init; }
    public TimeOnly? AllowedEndTime { get; init; }
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static ApiGroupInput From(ApiGroup g) => new()
    {
        Name = g.Name,
        Alias = g.Alias,
        Description = g.Description,
        SecurityLevelId = g.SecurityLevelId,
        AllowedDays = g.AllowedDays,
        AllowedStartTime = g.AllowedStartTime,
        AllowedEndTime = g.AllowedEndTime,
        TimeZoneId = g.TimeZoneId,
        ConcurrencyStamp = g.ConcurrencyStamp,
    };
}
