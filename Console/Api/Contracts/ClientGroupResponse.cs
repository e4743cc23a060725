using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A group a client holds or may be given.</summary>
internal sealed record ClientGroupResponse(int Id, string Name, string? Alias, string? SecurityLevel)
{
    public static ClientGroupResponse From(ApiGroup g) => new(g.Id, g.Name, g.Alias, g.SecurityLevel?.Code);
}
