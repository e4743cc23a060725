using ApiManager.Gateway.Groups;

namespace ApiManager.Gateway.Clients;

/// <summary>A client's direct membership in an API group.</summary>
public sealed class ClientGroup
{
    public int ApiClientId { get; set; }
    public ApiClient? Client { get; set; }
    public int ApiGroupId { get; set; }
    public ApiGroup? ApiGroup { get; set; }
}
