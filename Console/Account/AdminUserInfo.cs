namespace ApiManager.Admin.Account;

/// <summary>A console user as listed on the Admin users page.</summary>
internal sealed record AdminUserInfo(
    string Id,
    string UserName,
    string? DisplayName,
    string Role,
    bool IsDisabled,
    DateTime? LockedUntil,
    DateTime? LastLoginAt,
    DateTime CreatedAt);
