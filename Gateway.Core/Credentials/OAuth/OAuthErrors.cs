using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Gateway answers to a bearer token that is refused: 401 <c>invalid_token</c>, saying why (RFC 6750 challenge included).</summary>
internal static class OAuthErrors
{
    /// <summary>Challenge for a request without a token.</summary>
    public const string Challenge = "Bearer realm=\"ApiManager\"";

    public static readonly GatewayError Malformed = Invalid("The access token is malformed.");
    public static readonly GatewayError TooLong = Invalid("The access token is too long.");
    public static readonly GatewayError BadSignature = Invalid("The access token signature is invalid.");
    public static readonly GatewayError UnknownKey = Invalid("The access token is signed with an unknown key.");
    public static readonly GatewayError AlgorithmNotAllowed = Invalid("The access token's signing algorithm is not allowed.");
    public static readonly GatewayError WrongIssuer = Invalid("The access token was issued by another issuer.");
    public static readonly GatewayError WrongAudience = Invalid("The access token is not meant for this gateway.");
    public static readonly GatewayError Expired = Invalid("The access token has expired.");
    public static readonly GatewayError NotYetValid = Invalid("The access token is not valid yet.");
    public static readonly GatewayError Unknown = Invalid("The access token is unknown.");
    public static readonly GatewayError Revoked = Invalid("The access token has been revoked.");
    public static readonly GatewayError Rotated = Invalid("The access token was rotated by a refresh; use the new one.");
    public static readonly GatewayError UsedUp = Invalid("Over Access Token Allow Times: the access token has no uses left.");
    public static readonly GatewayError ClientGone = Invalid("The access token's client no longer exists.");

    private static GatewayError Invalid(string why) =>
        new(401, "invalid_token", "Unauthorized", why, $"Bearer realm=\"ApiManager\", error=\"invalid_token\", error_description=\"{why}\"");
}
