using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>The gateway's answers to a refused DGRK call (digiRunner's message for a wrong signature).</summary>
internal static class SignedKeyErrors
{
    /// <summary><c>WWW-Authenticate</c> of a refused DGRK call.</summary>
    public const string Challenge = "DGRK realm=\"ApiManager\"";

    public static readonly GatewayError Malformed = new(StatusCodes.Status401Unauthorized, "signed_key_malformed", "Unauthorized",
        "The Authorization header must be 'DGRK <apiKey>.<signature>'.");

    public static readonly GatewayError Unknown = new(StatusCodes.Status401Unauthorized, "signed_key_unknown", "Unauthorized", "The API key is unknown.");

    public static readonly GatewayError Signature = new(StatusCodes.Status401Unauthorized, "signed_key_signature", "Unauthorized", "API Key Signature Incorrect");

    public static readonly GatewayError Revoked = new(StatusCodes.Status401Unauthorized, "signed_key_revoked", "Unauthorized", "The API key was revoked.");

    public static readonly GatewayError Expired = new(StatusCodes.Status401Unauthorized, "signed_key_expired", "Unauthorized", "The API key has expired.");

    public static readonly GatewayError UsedUp = new(StatusCodes.Status401Unauthorized, "signed_key_used_up", "Unauthorized", "The API key has no calls left.");

    public static readonly GatewayError ApiDenied = new(StatusCodes.Status403Forbidden, "signed_key_api_denied", "Forbidden", "The API key may not call this API.");

    public static readonly GatewayError BodyTooLarge = new(StatusCodes.Status413PayloadTooLarge, "signed_key_body_too_large", "Content Too Large",
        "A request signed with a DGRK key may carry at most 1 MiB of body.");
}
