using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Groups;

/// <summary>Membership of an API in a group.</summary>
public sealed class ApiGroupApi
{
    public int ApiGroupId { get; set; }
    public ApiGroup? ApiGroup { get; set; }
    public int ApiDefinitionId { get; set; }
    public ApiDefinition? Api { get; set; }
}
