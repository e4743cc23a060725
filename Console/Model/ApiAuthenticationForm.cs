using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Model;

/// <summary>The editable form of an API's authentication settings (lists as comma-separated text).</summary>
internal sealed class ApiAuthenticationForm
{
    public static IReadOnlyList<(CredentialTypes Type, string Label)> Types { get; } =
    [
        (CredentialTypes.ClientBasic, "Basic (Client ID + password)"),
        (CredentialTypes.OAuthToken, "OAuth access token"),
        (CredentialTypes.XApiKey, "X-Api-Key"),
        (CredentialTypes.SignedKey, "Signed API key (DGRK)"),
        (CredentialTypes.KeyAuth, "key-auth"),
        (CredentialTypes.Jwt, "jwt"),
    ];

    public CredentialTypes Accepted { get; set; }

    public bool ForwardCredentials { get; set; }

    public string KeyNames { get; set; } = "";

    public bool KeyInHeader { get; set; }

    public bool KeyInQuery { get; set; }

    public bool KeyInBody { get; set; }

    public bool KeyHide { get; set; }

    public string? KeyAnonymous { get; set; }

    public bool KeyRunOnPreflight { get; set; }

    public string? KeyRealm { get; set; }

    public bool BasicHide { get; set; }

    public string? BasicAnonymous { get; set; }

    public string BasicRealm { get; set; } = "";

    public string UriParamNames { get; set; } = "";

    public string CookieNames { get; set; } = "";

    public string HeaderNames { get; set; } = "";

    public string KeyClaimName { get; set; } = "";

    public bool SecretIsBase64 { get; set; }

    public bool VerifyExp { get; set; }

    public bool VerifyNbf { get; set; }

    public int MaximumExpiration { get; set; }

    public string? JwtAnonymous { get; set; }

    public bool JwtRunOnPreflight { get; set; }

    public Guid? ConcurrencyStamp { get; set; }

    public bool Accepts(CredentialTypes type) => (Accepted & type) != 0;

    public void SetAccepts(CredentialTypes type, bool on) => Accepted = on ? Accepted | type : Accepted & ~type;

    public static ApiAuthenticationForm From(ApiAuthenticationSettings s) => new()
    {
        Accepted = s.AcceptedCredentials,
        ForwardCredentials = s.ForwardCredentials,
        KeyNames = Join(s.KeyAuth.KeyNames),
        KeyInHeader = s.KeyAuth.KeyInHeader,
        KeyInQuery = s.KeyAuth.KeyInQuery,
        KeyInBody = s.KeyAuth.KeyInBody,
        KeyHide = s.KeyAuth.HideCredentials,
        KeyAnonymous = s.KeyAuth.Anonymous,
        KeyRunOnPreflight = s.KeyAuth.RunOnPreflight,
        KeyRealm = s.KeyAuth.Realm,
        BasicHide = s.BasicAuth.HideCredentials,
        BasicAnonymous = s.BasicAuth.Anonymous,
        BasicRealm = s.BasicAuth.Realm,
        UriParamNames = Join(s.Jwt.UriParamNames),
        CookieNames = Join(s.Jwt.CookieNames),
        HeaderNames = Join(s.Jwt.HeaderNames),
        KeyClaimName = s.Jwt.KeyClaimName,
        SecretIsBase64 = s.Jwt.SecretIsBase64,
        VerifyExp = s.Jwt.ClaimsToVerify.Contains("exp"),
        VerifyNbf = s.Jwt.ClaimsToVerify.Contains("nbf"),
        MaximumExpiration = s.Jwt.MaximumExpiration,
        JwtAnonymous = s.Jwt.Anonymous,
        JwtRunOnPreflight = s.Jwt.RunOnPreflight,
        ConcurrencyStamp = s.ConcurrencyStamp,
    };

    public ApiAuthenticationSettings ToSettings() => new()
    {
        AcceptedCredentials = Accepted,
        ForwardCredentials = ForwardCredentials,
        KeyAuth = new KeyAuthOptions
        {
            KeyNames = Split(KeyNames),
            KeyInHeader = KeyInHeader,
            KeyInQuery = KeyInQuery,
            KeyInBody = KeyInBody,
            HideCredentials = KeyHide,
            Anonymous = KeyAnonymous,
            RunOnPreflight = KeyRunOnPreflight,
            Realm = KeyRealm,
        },
        BasicAuth = new BasicAuthOptions { HideCredentials = BasicHide, Anonymous = BasicAnonymous, Realm = BasicRealm },
        Jwt = new JwtOptions
        {
            UriParamNames = Split(UriParamNames),
            CookieNames = Split(CookieNames),
            HeaderNames = Split(HeaderNames),
            KeyClaimName = KeyClaimName,
            SecretIsBase64 = SecretIsBase64,
            ClaimsToVerify = [.. new[] { VerifyExp ? "exp" : null, VerifyNbf ? "nbf" : null }.OfType<string>()],
            MaximumExpiration = MaximumExpiration,
            Anonymous = JwtAnonymous,
            RunOnPreflight = JwtRunOnPreflight,
        },
        ConcurrencyStamp = ConcurrencyStamp,
    };

    public static string Join(IEnumerable<string>? names) => string.Join(", ", names ?? []);

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
