namespace ApiManager.Gateway.ApiUsers;

/// <summary>Whether an API user may sign in through the password grant.</summary>
public enum ApiUserStatus
{
    Enabled = 0,
    Disabled = 1,

    /// <summary>Too many wrong passwords; ends at <see cref="ApiUser.LockedUntil"/> or when an admin unlocks the user.</summary>
    Locked = 2,
}
