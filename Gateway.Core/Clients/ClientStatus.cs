namespace ApiManager.Gateway.Clients;

/// <summary>Whether a client may call APIs.</summary>
public enum ClientStatus
{
    Enabled = 0,
    Disabled = 1,

    /// <summary>Too many wrong passwords; an admin unlocks it.</summary>
    Locked = 2,
}
