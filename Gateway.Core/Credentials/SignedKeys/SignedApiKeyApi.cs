using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>One API a signed key may call.</summary>
public sealed class SignedApiKeyApi
{
    public long SignedApiKeyId { get; set; }

    public int ApiDefinitionId { get; set; }

    public ApiDefinition? Api { get; set; }
}
