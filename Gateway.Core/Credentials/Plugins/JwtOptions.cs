namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>Kong jwt options of one API (Kong's defaults).</summary>
public sealed record JwtOptions
{
    /// <summary>Claims that may be verified.</summary>
    public static IReadOnlyList<string> VerifiableClaims { get; } = ["exp", "nbf"];

    /// <summary>Query parameters a token is read from.</summary>
    public IReadOnlyList<string> UriParamNames { get; init; } = ["jwt"];

    /// <summary>Cookies a token is read from.</summary>
    public IReadOnlyList<string> CookieNames { get; init; } = [];

    /// <summary>Headers a <c>Bearer</c> token is read from.</summary>
    public IReadOnlyList<string> HeaderNames { get; init; } = ["authorization"];

    /// <summary>The claim (payload, then header) naming the JWT credential.</summary>
    public string KeyClaimName { get; init; } = "iss";

    /// <summary>HS* credential secrets are Base64 and must be decoded before use.</summary>
    public bool SecretIsBase64 { get; init; }

    /// <summary>Subset of exp and nbf; an absent claim passes, a present one must be a number and hold (as in Kong).</summary>
    public IReadOnlyList<string> ClaimsToVerify { get; init; } = [];

    /// <summary>Seconds a token may live at most from now (exp required, and exp must be in <see cref="ClaimsToVerify"/>); 0: no limit.</summary>
    public int MaximumExpiration { get; init; }

    /// <summary>Client ID of the client a request without any accepted credential proceeds as; null: refuse it.</summary>
    public string? Anonymous { get; init; }

    /// <summary>False lets CORS preflight requests without a credential through.</summary>
    public bool RunOnPreflight { get; init; } = true;
}
