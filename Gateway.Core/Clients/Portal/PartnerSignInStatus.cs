namespace ApiManager.Gateway.Clients.Portal;

/// <summary>Outcome of a partner portal sign-in.</summary>
public enum PartnerSignInStatus
{
    Succeeded = 0,

    /// <summary>Unknown Client ID or wrong password (the caller cannot tell which).</summary>
    InvalidCredentials = 1,
    Disabled = 2,
    Locked = 3,
}
