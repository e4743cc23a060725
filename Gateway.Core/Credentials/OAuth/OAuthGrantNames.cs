namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>The OAuth names of <see cref="OAuthGrants"/> flags (<c>client_credentials</c>, …).</summary>
public static class OAuthGrantNames
{
    public static IReadOnlyList<(OAuthGrants Grant, string Name)> All { get; } =
    [
        (OAuthGrants.ClientCredentials, "client_credentials"),
        (OAuthGrants.Password, "password"),
        (OAuthGrants.RefreshToken, "refresh_token"),
        (OAuthGrants.AuthorizationCode, "authorization_code"),
    ];

    public static IReadOnlyList<string> Names(OAuthGrants grants) => [.. All.Where(g => (grants & g.Grant) != 0).Select(g => g.Name)];

    /// <summary>Parses names; false (with the first unknown name) when one is not a grant.</summary>
    public static bool TryParse(IEnumerable<string>? names, out OAuthGrants grants, out string? unknown)
    {
        grants = OAuthGrants.None;
        unknown = null;
        foreach (var name in names ?? [])
        {
            var match = All.FirstOrDefault(g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                unknown = name;
                return false;
            }

            grants |= match.Grant;
        }

        return true;
    }
}
