using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Credentials.XApiKeys.Runtime;

/// <summary>The gateway's X-Api-Key refusals (digiRunner answers 401 for each; the group check is the shared 403).</summary>
internal static class XApiKeyErrors
{
    public static readonly GatewayError Invalid = new(401, "invalid_api_key", "Unauthorized", "The X-Api-Key is not valid.");

    public static readonly GatewayError Malformed = new(401, "invalid_api_key", "Unauthorized",
        $"Send exactly one X-Api-Key header of at most {XApiKeyHandler.MaxKeyLength} characters.");

    public static readonly GatewayError Revoked = new(401, "api_key_revoked", "Unauthorized", "The X-Api-Key has been revoked.");

    public static readonly GatewayError NotYetEffective = new(401, "api_key_not_yet_effective", "Unauthorized", "The X-Api-Key is not effective yet.");

    public static readonly GatewayError Expired = new(401, "api_key_expired", "Unauthorized", "The X-Api-Key has expired.");
}
