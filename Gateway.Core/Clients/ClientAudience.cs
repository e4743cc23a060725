namespace ApiManager.Gateway.Clients;

/// <summary>Where a client may call from: an internal-only client must call from the configured internal networks.</summary>
public enum ClientAudience
{
    InternalAndExternal = 0,
    External = 1,
    Internal = 2,
}
