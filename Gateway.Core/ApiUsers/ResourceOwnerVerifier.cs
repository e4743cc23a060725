using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// Checks API users' passwords for the OAuth password grant (token endpoint, not the proxy path, so it reads the
/// database). Every refusal costs one password hash, also for unknown, disabled and locked users, so the answer time
/// does not tell which part was wrong. Wrong passwords are counted; <see cref="ApiUserOptions.MaxFailedAttempts"/> in a
/// row lock the user for <see cref="ApiUserOptions.LockoutMinutes"/>. A success clears the count and records the time.
/// </summary>
internal sealed partial class ResourceOwnerVerifier(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ClientPasswordHasher passwordHasher,
    AuditRecorder audit,
    IOptionsMonitor<ApiUserOptions> options,
    TimeProvider timeProvider,
    ILogger<ResourceOwnerVerifier> logger) : IResourceOwnerVerifier
{
    private readonly Lazy<string> _dummyHash = new(() => passwordHasher.Hash(Guid.NewGuid().ToString("N")));

    /// <inheritdoc />
    public Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken) =>
        VerifyCoreAsync(userName, password, null, cancellationToken);

    /// <summary>Like <see cref="VerifyAsync(string, string, CancellationToken)"/>, also refusing a client the user is not restricted to.</summary>
    public Task<ResourceOwner?> VerifyAsync(string userName, string password, string clientId, CancellationToken cancellationToken) =>
        VerifyCoreAsync(userName, password, clientId ?? "", cancellationToken);

    /// <inheritdoc />
    public async Task<bool> IsActiveAsync(int userId, string clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.ApiUsers.AsNoTracking().Include(u => u.Clients).ThenInclude(c => c.Client)
            .FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.Status == ApiUserStatus.Disabled || user.IsLockedAt(timeProvider.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        return new ResourceOwner(user.Id, user.UserName, user.DisplayName, user.RestrictedToClients ? ApiUserInput.AllowedClientIds(user) : null)
            .IsClientAllowed(clientId);
    }

    private async Task<ResourceOwner?> VerifyCoreAsync(string? userName, string? password, string? clientId, CancellationToken cancellationToken)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is 0 or > ApiUserService.MaxUserNameLength || string.IsNullOrEmpty(password) || password.Length > ClientPasswordHasher.MaxLength)
        {
            passwordHasher.Verify(_dummyHash.Value, "x");
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.ApiUsers.AsNoTracking().Include(u => u.Clients).ThenInclude(c => c.Client)
            .FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null)
        {
            passwordHasher.Verify(_dummyHash.Value, password);
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var matches = passwordHasher.Verify(user.PasswordHash, password);
        if (user.Status == ApiUserStatus.Disabled)
        {
            LogRefused(user.Id, "disabled");
            return null;
        }

        if (user.Status == ApiUserStatus.Locked)
        {
            if (user.IsLockedAt(now))
            {
                LogRefused(user.Id, "locked");
                return null;
            }

            // The lockout has run out: the user starts again with a clean count.
            await db.ApiUsers.Where(u => u.Id == user.Id && u.Status == ApiUserStatus.Locked && u.LockedUntil != null && u.LockedUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ApiUserStatus.Enabled).SetProperty(u => u.FailedAttempts, 0).SetProperty(u => u.LockedUntil, (DateTime?)null), cancellationToken);
        }

        if (!matches)
        {
            await RecordFailureAsync(db, user, now, cancellationToken);
            return null;
        }

        var owner = new ResourceOwner(user.Id, user.UserName, user.DisplayName, user.RestrictedToClients ? ApiUserInput.AllowedClientIds(user) : null);
        if (clientId is not null && !owner.IsClientAllowed(clientId))
        {
            LogRefused(user.Id, "client not allowed");
            return null;
        }

        var updated = await db.ApiUsers.Where(u => u.Id == user.Id && u.Status == ApiUserStatus.Enabled)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now).SetProperty(u => u.FailedAttempts, 0), cancellationToken);
        return updated == 1 ? owner : null;
    }

    private async Task RecordFailureAsync(GatewayDbContext db, ApiUser user, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await db.ApiUsers.Where(u => u.Id == user.Id && u.Status == ApiUserStatus.Enabled)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedAttempts, u => u.FailedAttempts + 1), cancellationToken);
        DateTime? until = settings.LockoutMinutes > 0 ? now.AddMinutes(settings.LockoutMinutes) : null;
        var locked = await db.ApiUsers.Where(u => u.Id == user.Id && u.Status == ApiUserStatus.Enabled && u.FailedAttempts >= settings.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ApiUserStatus.Locked).SetProperty(u => u.LockedUntil, until), cancellationToken);
        if (locked == 0)
        {
            LogRefused(user.Id, "wrong password");
            return;
        }

        LogLocked(user.Id, settings.MaxFailedAttempts, until);
        await audit.RecordAsync(
            Actor.System,
            new AuditChange(ApiUserService.EntityName, user.Id.ToString(), "Locked", new { Status = ApiUserStatus.Enabled }, new { Status = ApiUserStatus.Locked, LockedUntil = until }),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password grant refused for API user {UserId}: {Reason}.")]
    private partial void LogRefused(int userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API user {UserId} locked after {Attempts} wrong passwords, until {LockedUntil} (UTC; empty = until an admin unlocks).")]
    private partial void LogLocked(int userId, int attempts, DateTime? lockedUntil);
}
