using ApiManager.Gateway.Apis;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An API as the admin API returns it, with its backend's id and name.</summary>
internal sealed record ApiResponse(
    int Id,
    string Name,
    string Version,
    string DisplayName,
    IReadOnlyList<string> Tags,
    string Path,
    bool StripPath,
    IReadOnlyList<string> Methods,
    int BackendId,
    string? BackendName,
    ApiStatus Status,
    bool IsPublic,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static ApiResponse From(ApiDefinition a, string? backendName) => new(
        a.Id, a.Name, a.Version, a.DisplayName, [.. a.Tags], a.Path, a.StripPath, [.. a.Methods], a.BackendId, backendName,
        a.Status, a.IsPublic, a.Description, a.CreatedAt, a.UpdatedAt, a.ConcurrencyStamp);
}
