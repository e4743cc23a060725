namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>State of an issued token.</summary>
public enum OAuthTokenStatus
{
    Active,

    /// <summary>Revoked by its client (RFC 7009) or an administrator.</summary>
    Revoked,

    /// <summary>Replaced by a refresh: the refresh token that was used, and the access token issued with it.</summary>
    Rotated,
}
