namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Life of a signing key.</summary>
public enum OAuthKeyStatus
{
    /// <summary>Signs new tokens (exactly one key).</summary>
    Active,

    /// <summary>Replaced by a newer key; still published and accepted so unexpired tokens stay valid.</summary>
    Retired,

    /// <summary>No longer published or accepted.</summary>
    Removed,
}
