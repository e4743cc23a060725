using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>Kong jwt's 401 answers (Kong's message in <c>detail</c>). Errors naming the key claim are built per API.</summary>
internal static class JwtErrors
{
    public const string Challenge = "Bearer";

    public static readonly GatewayError Missing = Error("jwt_missing", "Unauthorized");
    public static readonly GatewayError Multiple = Error("jwt_multiple_tokens", "Multiple tokens provided");
    public static readonly GatewayError Unrecognizable = Error("jwt_unrecognizable", "Unrecognizable token");
    public static readonly GatewayError BadTokenFormat = Error("jwt_bad_token", "Bad token; invalid JWT");
    public static readonly GatewayError BadTokenJson = Error("jwt_bad_token", "Bad token; invalid JSON");
    public static readonly GatewayError BadTokenAlg = Error("jwt_bad_token", "Bad token; invalid alg");
    public static readonly GatewayError InvalidAlgorithm = Error("jwt_invalid_algorithm", "Invalid algorithm");
    public static readonly GatewayError InvalidKey = Error("jwt_invalid_key", "Invalid key/secret");
    public static readonly GatewayError InvalidSignature = Error("jwt_invalid_signature", "Invalid signature");
    public static readonly GatewayError Expired = Error("jwt_claim_invalid", "exp: token expired");
    public static readonly GatewayError ExpNotNumber = Error("jwt_claim_invalid", "exp: must be a number");
    public static readonly GatewayError NotYetValid = Error("jwt_claim_invalid", "nbf: token not valid yet");
    public static readonly GatewayError NbfNotNumber = Error("jwt_claim_invalid", "nbf: must be a number");
    public static readonly GatewayError ExceedsMaximum = Error("jwt_claim_invalid", "exp: exceeds maximum allowed expiration");

    public static GatewayError NoKeyClaim(string claim) => Error("jwt_no_key_claim", $"No mandatory '{claim}' in claims");

    public static GatewayError InvalidKeyClaim(string claim) => Error("jwt_invalid_key_claim", $"Invalid '{claim}' in claims");

    public static GatewayError NoCredentials(string claim) => Error("jwt_no_credentials", $"No credentials found for given '{claim}'");

    private static GatewayError Error(string code, string message) => new(401, code, "Unauthorized", message, Challenge);
}
