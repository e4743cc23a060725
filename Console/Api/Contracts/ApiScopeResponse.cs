using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An API scope as the admin API returns it, with the ids of its groups.</summary>
internal sealed record ApiScopeResponse(
    int Id,
    string Name,
    string? Description,
    IReadOnlyList<int> GroupIds,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static ApiScopeResponse From(ApiScope s) => new(
        s.Id, s.Name, s.Description, [.. s.Groups.Select(g => g.ApiGroupId).Order()], s.CreatedAt, s.UpdatedAt, s.ConcurrencyStamp);
}
