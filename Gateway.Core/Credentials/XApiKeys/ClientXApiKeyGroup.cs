using ApiManager.Gateway.Groups;

namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>An API group an X-Api-Key may call (the key's authority groups).</summary>
public sealed class ClientXApiKeyGroup
{
    public int ClientXApiKeyId { get; set; }

    public int ApiGroupId { get; set; }

    public ApiGroup? ApiGroup { get; set; }
}
