namespace ApiManager.Admin.Configuration;

/// <summary>Section <c>Admin</c>: the seeded administrator, lockout and the optional bootstrap API token.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Password of the seeded <c>admin</c> on first start; generated and logged once when empty.</summary>
    public string? InitialPassword { get; set; }

    /// <summary>Optional bootstrap bearer token for the admin API (acts as an Administrator named <c>bootstrap</c>).</summary>
    public string? ApiToken { get; set; }

    /// <summary>Wrong passwords before a console user is locked out.</summary>
    public int LockoutMaxAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts, in minutes.</summary>
    public int LockoutMinutes { get; set; } = 15;
}
