namespace ApiManager.Gateway.ApiUsers;

/// <summary>Section <c>ApiUsers</c>: the lockout of API users after wrong passwords.</summary>
public sealed class ApiUserOptions
{
    public const string SectionName = "ApiUsers";

    /// <summary>Wrong passwords in a row that lock the user (1–100, default 5).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts, in minutes (default 15); 0 = until an admin unlocks the user.</summary>
    public int LockoutMinutes { get; set; } = 15;
}
