using ApiManager.Gateway.Groups;

namespace ApiManager.Gateway.Scopes;

/// <summary>Membership of a group in a scope.</summary>
public sealed class ApiScopeGroup
{
    public int ApiScopeId { get; set; }
    public ApiScope? ApiScope { get; set; }
    public int ApiGroupId { get; set; }
    public ApiGroup? ApiGroup { get; set; }
}
