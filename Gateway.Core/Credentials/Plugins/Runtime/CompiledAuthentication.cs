namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>An API's authentication settings as the gateway reads them per request (built with the snapshot).</summary>
internal sealed class CompiledAuthentication
{
    public static CompiledAuthentication Default { get; } = Compile(CredentialTypes.Default, new ApiAuthenticationOptions());

    public required CredentialTypes Accepted { get; init; }

    public required string[] KeyNames { get; init; }

    public required bool KeyInHeader { get; init; }

    public required bool KeyInQuery { get; init; }

    public required bool KeyInBody { get; init; }

    public required bool KeyHide { get; init; }

    public required KeyAuthErrors KeyErrors { get; init; }

    /// <summary><c>Basic realm="…"</c>.</summary>
    public required string BasicChallenge { get; init; }

    public required bool BasicHide { get; init; }

    public required string[] JwtUriParams { get; init; }

    public required string[] JwtCookies { get; init; }

    public required string[] JwtHeaders { get; init; }

    public required string JwtKeyClaim { get; init; }

    public required bool JwtSecretIsBase64 { get; init; }

    public required bool JwtVerifyExp { get; init; }

    public required bool JwtVerifyNbf { get; init; }

    /// <summary>Seconds; 0: no limit.</summary>
    public required long JwtMaximumExpiration { get; init; }

    public required Pipeline.GatewayError JwtNoKeyClaim { get; init; }

    public required Pipeline.GatewayError JwtInvalidKeyClaim { get; init; }

    public required Pipeline.GatewayError JwtNoCredentials { get; init; }

    /// <summary>Client ID a request without any accepted credential proceeds as (key-auth's, then basic-auth's, then jwt's).</summary>
    public string? Anonymous { get; init; }

    /// <summary>True when a CORS preflight without credential passes (key-auth or jwt accepted with run_on_preflight off).</summary>
    public bool PreflightBypass { get; init; }

    /// <summary>The 401 for a request without credential when the API accepts only key-auth or only jwt (Kong's message).</summary>
    public Pipeline.GatewayError? MissingCredential { get; init; }

    /// <summary>Whether the plugin's hide_credentials removes the credential even when the API forwards credentials.</summary>
    public bool Hides(CredentialTypes type) => type switch
    {
        CredentialTypes.KeyAuth => KeyHide,
        CredentialTypes.ClientBasic => BasicHide,
        _ => false,
    };

    public static CompiledAuthentication Compile(CredentialTypes accepted, ApiAuthenticationOptions? options)
    {
        options ??= new ApiAuthenticationOptions();
        var key = options.KeyAuth ?? new KeyAuthOptions();
        var basic = options.BasicAuth ?? new BasicAuthOptions();
        var jwt = options.Jwt ?? new JwtOptions();
        var keyErrors = key.Realm is null ? KeyAuthErrors.Default : new KeyAuthErrors(key.Realm);
        var keyClaim = string.IsNullOrWhiteSpace(jwt.KeyClaimName) ? "iss" : jwt.KeyClaimName;
        var claims = jwt.ClaimsToVerify ?? [];
        string? anonymous = null;
        if ((accepted & CredentialTypes.KeyAuth) != 0 && key.Anonymous is not null)
        {
            anonymous = key.Anonymous;
        }
        else if ((accepted & CredentialTypes.ClientBasic) != 0 && basic.Anonymous is not null)
        {
            anonymous = basic.Anonymous;
        }
        else if ((accepted & CredentialTypes.Jwt) != 0 && jwt.Anonymous is not null)
        {
            anonymous = jwt.Anonymous;
        }

        return new CompiledAuthentication
        {
            Accepted = accepted,
            KeyNames = [.. (key.KeyNames ?? []).Where(n => !string.IsNullOrEmpty(n))],
            KeyInHeader = key.KeyInHeader,
            KeyInQuery = key.KeyInQuery,
            KeyInBody = key.KeyInBody,
            KeyHide = key.HideCredentials,
            KeyErrors = keyErrors,
            BasicChallenge = $"Basic realm=\"{(string.IsNullOrEmpty(basic.Realm) ? "service" : basic.Realm)}\"",
            BasicHide = basic.HideCredentials,
            JwtUriParams = [.. (jwt.UriParamNames ?? []).Where(n => !string.IsNullOrEmpty(n))],
            JwtCookies = [.. (jwt.CookieNames ?? []).Where(n => !string.IsNullOrEmpty(n))],
            JwtHeaders = [.. (jwt.HeaderNames ?? []).Where(n => !string.IsNullOrEmpty(n))],
            JwtKeyClaim = keyClaim,
            JwtSecretIsBase64 = jwt.SecretIsBase64,
            JwtVerifyExp = claims.Contains("exp", StringComparer.OrdinalIgnoreCase),
            JwtVerifyNbf = claims.Contains("nbf", StringComparer.OrdinalIgnoreCase),
            JwtMaximumExpiration = Math.Max(0, jwt.MaximumExpiration),
            JwtNoKeyClaim = JwtErrors.NoKeyClaim(keyClaim),
            JwtInvalidKeyClaim = JwtErrors.InvalidKeyClaim(keyClaim),
            JwtNoCredentials = JwtErrors.NoCredentials(keyClaim),
            Anonymous = anonymous,
            PreflightBypass = ((accepted & CredentialTypes.KeyAuth) != 0 && !key.RunOnPreflight) || ((accepted & CredentialTypes.Jwt) != 0 && !jwt.RunOnPreflight),
            MissingCredential = accepted switch
            {
                CredentialTypes.KeyAuth => keyErrors.NoKey,
                CredentialTypes.Jwt => JwtErrors.Missing,
                _ => null,
            },
        };
    }
}
