namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>Stored state of an X-Api-Key. An Active key past its expiry is refused at once, before a job marks it Expired.</summary>
public enum XApiKeyStatus
{
    Active = 0,
    Revoked = 1,
    Expired = 2,
}
