namespace ApiManager.Gateway.Credentials;

/// <summary>
/// The credential types an API may accept (any combination). A public API accepts none and needs no credential.
/// </summary>
[Flags]
public enum CredentialTypes
{
    None = 0,

    /// <summary>HTTP Basic with the client's Client ID and password (Kong's basic-auth over our clients).</summary>
    ClientBasic = 1,

    /// <summary>A bearer access token issued by the product's OAuth 2.0 server.</summary>
    OAuthToken = 2,

    /// <summary>An <c>X-Api-Key</c> header issued to a client.</summary>
    XApiKey = 4,

    /// <summary>A signed API key: <c>Authorization: DGRK &lt;apiKey&gt;.&lt;signature&gt;</c>.</summary>
    SignedKey = 8,

    /// <summary>Kong's key-auth: a per-client key in a header, query parameter or body field.</summary>
    KeyAuth = 16,

    /// <summary>Kong's jwt: a JWT signed with a per-client JWT credential.</summary>
    Jwt = 32,

    /// <summary>What digiRunner accepts on every API, and the default for a new API.</summary>
    Default = ClientBasic | OAuthToken | XApiKey | SignedKey,

    All = ClientBasic | OAuthToken | XApiKey | SignedKey | KeyAuth | Jwt,
}
