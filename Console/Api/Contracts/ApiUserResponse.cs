using ApiManager.Gateway.ApiUsers;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// An API user as the admin API returns it: every field except its password hash. <c>lockedUntil</c> is the UTC end of
/// an automatic lockout (null while locked = until an admin unlocks); <c>allowedClients</c> empty = any client.
/// </summary>
internal sealed record ApiUserResponse(
    int Id,
    string UserName,
    string DisplayName,
    string? Email,
    ApiUserStatus Status,
    int FailedAttempts,
    DateTime? LockedUntil,
    bool RestrictedToClients,
    IReadOnlyList<string> AllowedClients,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? LastSignInAt,
    Guid ConcurrencyStamp)
{
    public static ApiUserResponse From(ApiUser u) => new(
        u.Id,
        u.UserName,
        u.DisplayName,
        u.Email,
        u.Status,
        u.FailedAttempts,
        u.LockedUntil,
        u.RestrictedToClients,
        ApiUserInput.AllowedClientIds(u),
        u.CreatedAt,
        u.UpdatedAt,
        u.LastSignInAt,
        u.ConcurrencyStamp);
}
