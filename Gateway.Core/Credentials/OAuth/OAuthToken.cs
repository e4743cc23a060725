namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// One issued access or refresh token (never the token itself): what the gateway needs to check its status and use
/// count, and what introspection and revocation look up.
/// </summary>
public sealed class OAuthToken
{
    /// <summary>The token's <c>jti</c>.</summary>
    public required string Jti { get; set; }

    public OAuthTokenKind Kind { get; set; }

    public int ApiClientId { get; set; }

    /// <summary><c>sub</c>: the client id for client_credentials, the API user's id for user tokens.</summary>
    public required string Subject { get; set; }

    /// <summary>The resource owner's user name (password / authorization-code tokens).</summary>
    public string? UserName { get; set; }

    /// <summary>Space-separated group and scope names the token carries.</summary>
    public required string Scope { get; set; }

    /// <summary>Comma-separated ids of the groups the token may call.</summary>
    public required string GroupIds { get; set; }

    /// <summary>Groups every refresh of one original grant: the first refresh token's jti.</summary>
    public required string FamilyId { get; set; }

    /// <summary>For an access token: the refresh token issued with it, if any.</summary>
    public string? RefreshJti { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>Uses allowed; 0 = unlimited.</summary>
    public int UseQuota { get; set; }

    /// <summary>Uses so far (proxied calls for an access token, refreshes for a refresh token).</summary>
    public int Uses { get; set; }

    public OAuthTokenStatus Status { get; set; } = OAuthTokenStatus.Active;
}
