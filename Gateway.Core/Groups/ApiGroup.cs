using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Gateway.Groups;

/// <summary>
/// An API group: a set of APIs a client may call, at a security level, usable only on its allowed days of the week
/// and within its daily time window (in <see cref="TimeZoneId"/>); enforced at the gateway.
/// </summary>
public sealed class ApiGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Alias { get; set; }
    public string? Description { get; set; }
    public int SecurityLevelId { get; set; }
    public SecurityLevel? SecurityLevel { get; set; }

    /// <summary>Days the group may be used; <see cref="AllowedDays.All"/> by default.</summary>
    public AllowedDays AllowedDays { get; set; } = AllowedDays.All;

    /// <summary>Start of the daily window (inclusive); null with <see cref="AllowedEndTime"/> null = all day.</summary>
    public TimeOnly? AllowedStartTime { get; set; }

    /// <summary>End of the daily window (exclusive); a window may cross midnight (22:00–06:00).</summary>
    public TimeOnly? AllowedEndTime { get; set; }

    /// <summary>IANA or Windows time zone id the days and window are meant in; default UTC.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public List<ApiGroupApi> Apis { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
