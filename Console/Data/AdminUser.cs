using Microsoft.AspNetCore.Identity;

namespace ApiManager.Admin.Data;

/// <summary>A console user (administrator or operator).</summary>
public sealed class AdminUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastLoginAt { get; set; }
}
