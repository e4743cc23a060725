namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>Lifecycle of a signed API key; an Active key past its expiry is refused as expired too.</summary>
public enum SignedKeyStatus
{
    Active = 0,
    Revoked = 1,
    Expired = 2,
}
