namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Section <c>OAuth</c>: the token server on the gateway listener.</summary>
public sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>The <c>iss</c> of issued tokens (the gateway's public URL); unset: the bound gateway URL.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of issued access tokens and what the gateway requires.</summary>
    public string Audience { get; set; } = "apimanager-gateway";

    /// <summary>
    /// The authorization endpoint's public URL (the sign-in and consent page on the console listener) as discovery
    /// publishes it; unset: the bound console URL + <c>/oauth/authorize</c>.
    /// </summary>
    public string? AuthorizationEndpoint { get; set; }
}
