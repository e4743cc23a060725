using ApiManager.Gateway.Scopes;

namespace ApiManager.Gateway.Clients;

/// <summary>A client's assignment to an API scope.</summary>
public sealed class ClientScope
{
    public int ApiClientId { get; set; }
    public ApiClient? Client { get; set; }
    public int ApiScopeId { get; set; }
    public ApiScope? ApiScope { get; set; }
}
