namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Which token an <see cref="OAuthToken"/> row records.</summary>
public enum OAuthTokenKind
{
    Access,
    Refresh,

    /// <summary>A redeemed authorization code (kept until it expires so a replay is refused).</summary>
    AuthorizationCode,
}
