namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Which token an <see cref="OAuthToken"/> row records.</summary>
public enum OAuthTokenKind
{
    Access,
    Refresh,
}
