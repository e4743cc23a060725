using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A security level as the admin API returns it (rank 1 is the highest).</summary>
internal sealed record SecurityLevelResponse(
    int Id,
    string Code,
    string Name,
    int Rank,
    string? Description,
    bool IsSystem,
    bool IsDefault,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static SecurityLevelResponse From(SecurityLevel l) => new(
        l.Id, l.Code, l.Name, l.Rank, l.Description, l.IsSystem, l.IsDefault, l.CreatedAt, l.UpdatedAt, l.ConcurrencyStamp);
}
