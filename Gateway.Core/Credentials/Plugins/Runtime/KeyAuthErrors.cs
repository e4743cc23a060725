using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>Kong key-auth's 401 answers of one API (the challenge carries the API's realm).</summary>
internal sealed class KeyAuthErrors
{
    public KeyAuthErrors(string? realm)
    {
        Challenge = realm is null ? "Key" : $"Key realm=\"{realm}\"";
        NoKey = new GatewayError(401, "key_auth_no_key", "Unauthorized", "No API key found in request", Challenge);
        Duplicate = new GatewayError(401, "key_auth_duplicate_key", "Unauthorized", "Duplicate API key found", Challenge);
        Unknown = new GatewayError(401, "key_auth_invalid_key", "Unauthorized", "Unauthorized", Challenge);
    }

    public static KeyAuthErrors Default { get; } = new(null);

    public string Challenge { get; }

    public GatewayError NoKey { get; }

    public GatewayError Duplicate { get; }

    public GatewayError Unknown { get; }
}
