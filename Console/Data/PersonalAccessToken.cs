namespace ApiManager.Admin.Data;

/// <summary>An admin user's token for the admin REST API. Only its SHA-256 is stored; the value is shown once.</summary>
public sealed class PersonalAccessToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AdminUser? User { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token value.</summary>
    public required string TokenHash { get; set; }

    /// <summary>First characters of the token, to tell tokens apart in lists.</summary>
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
