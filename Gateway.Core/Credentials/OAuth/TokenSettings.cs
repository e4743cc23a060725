namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>A client's OAuth token settings (the Token settings tab).</summary>
/// <param name="AllowedGrants">Grants the client may use.</param>
/// <param name="AccessTokenValidity">Access-token lifetime, seconds.</param>
/// <param name="AccessTokenQuota">Proxied calls per access token; 0 = unlimited.</param>
/// <param name="RefreshTokenValidity">Refresh-token lifetime, seconds.</param>
/// <param name="RefreshTokenQuota">Refreshes per refresh grant; 0 = unlimited.</param>
/// <param name="RedirectUris">Redirect URLs for the authorization-code grant (0–5; 1–5 when it is allowed).</param>
/// <param name="ConcurrencyStamp">The client's stamp (stale updates are refused).</param>
public sealed record TokenSettings(
    OAuthGrants AllowedGrants,
    int AccessTokenValidity,
    int AccessTokenQuota,
    int RefreshTokenValidity,
    int RefreshTokenQuota,
    IReadOnlyList<string> RedirectUris,
    Guid? ConcurrencyStamp = null)
{
    /// <summary>The redirect URLs as stored on the client (<see cref="Clients.ApiClient.RedirectUris"/>: one per line).</summary>
    public static IReadOnlyList<string> ReadRedirectUris(string? stored) => string.IsNullOrEmpty(stored) ? [] : stored.Split('\n');

    /// <summary>The stored form of <paramref name="uris"/>: one per line, null for none.</summary>
    public static string? StoreRedirectUris(IReadOnlyCollection<string> uris) => uris.Count == 0 ? null : string.Join('\n', uris);
}
