namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>What an X-Api-Key does right now (the stored status and the dates, read with the current time).</summary>
public enum XApiKeyState
{
    Active,
    NotYetEffective,
    Expired,
    Revoked,
}
