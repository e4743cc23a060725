namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// A resource owner of the OAuth password grant: a person or system account admins create in the console. Not an admin
/// user (those sign in to the console) and not an API client (the application that asks for the token).
/// </summary>
public sealed class ApiUser
{
    public int Id { get; set; }

    /// <summary>Sign-in name: 3–100 letters, digits, '.', '_', '@' or '-'; unique, case-insensitive.</summary>
    public required string UserName { get; set; }

    /// <summary>Name shown on consent screens and in the console.</summary>
    public required string DisplayName { get; set; }
    public string? Email { get; set; }

    /// <summary>Identity password hash; never shown, logged, audited or returned.</summary>
    public required string PasswordHash { get; set; }
    public ApiUserStatus Status { get; set; } = ApiUserStatus.Enabled;

    /// <summary>Wrong passwords since the last successful sign-in, unlock or lockout.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>UTC end of an automatic lockout; null while <see cref="Status"/> is Locked means until an admin unlocks.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>
    /// True when only the clients in <see cref="Clients"/> may use the password grant for this user. Kept apart from
    /// the list so that deleting the last listed client does not silently open the user to every client.
    /// </summary>
    public bool RestrictedToClients { get; set; }
    public List<ApiUserClient> Clients { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>True while the user is locked at <paramref name="utcNow"/> (an automatic lockout ends by itself).</summary>
    public bool IsLockedAt(DateTime utcNow) => Status == ApiUserStatus.Locked && (LockedUntil is not { } until || until > utcNow);
}
