using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Clients.Portal;

/// <summary>
/// The partner portal's side of a client: sign-in with the gateway's lockout rules (status first, then password; a
/// wrong password counts and the threshold locks; a right one clears the count), its profile, its own password change
/// and the anonymous one-time-password request. A partner-requested one-time password is separate from the password:
/// it signs in to the portal only (never the gateway), only until it expires, and the session must set a new password. Password hashing and the audited writes reuse
/// <see cref="ClientSecurityService"/>; the lock goes through <see cref="ConfigChangeWriter"/> so the gateway sees it.
/// </summary>
public sealed class PartnerSignInService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    ClientPasswordHasher passwordHasher,
    ClientSecurityService security,
    TimeProvider timeProvider)
{
    /// <summary>Audit source of writes made from the portal.</summary>
    public const string Source = "portal";

    /// <summary>The actor recorded for a partner's own writes.</summary>
    public static Actor ActorFor(string clientId) => new(clientId, Source);

    /// <summary>Checks Client ID and password; counts a wrong password and locks the client at its threshold.</summary>
    public async Task<PartnerSignInResult> SignInAsync(string? clientId, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrEmpty(password) || password.Length > ClientPasswordHasher.MaxLength)
        {
            return new PartnerSignInResult(PartnerSignInStatus.InvalidCredentials);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = clientId.Trim();
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == key, cancellationToken);
        if (client is null)
        {
            // Same work as a wrong password, so timing does not tell unknown IDs apart.
            passwordHasher.Verify(DummyHash.Value, password);
            return new PartnerSignInResult(PartnerSignInStatus.InvalidCredentials);
        }

        if (client.Status == ClientStatus.Disabled)
        {
            return new PartnerSignInResult(PartnerSignInStatus.Disabled);
        }

        if (client.Status == ClientStatus.Locked)
        {
            return new PartnerSignInResult(PartnerSignInStatus.Locked);
        }

        var mustChangePassword = false;
        if (!passwordHasher.Verify(client.PasswordHash, password))
        {
            // A wrong, expired or used one-time password is a wrong password: it counts toward the lockout.
            if (!HasPendingOneTimePassword(client) || !passwordHasher.Verify(client.ResetPasswordHash!, password))
            {
                return await RecordFailureAsync(db, client, cancellationToken)
                    ? new PartnerSignInResult(PartnerSignInStatus.Locked)
                    : new PartnerSignInResult(PartnerSignInStatus.InvalidCredentials);
            }

            mustChangePassword = true;
        }

        if (client.FailedAttempts > 0)
        {
            await security.ResetFailedAttemptsAsync(client.Id, ActorFor(client.ClientId), cancellationToken);
        }

        return new PartnerSignInResult(PartnerSignInStatus.Succeeded, client.Id, client.ClientId, client.DisplayName, mustChangePassword);
    }

    /// <summary>
    /// True while the client exists and is enabled (sessions of disabled, locked or deleted clients end); for a session
    /// opened with a one-time password (<paramref name="requirePendingOneTimePassword"/>), also while that one-time
    /// password is still pending and unexpired.
    /// </summary>
    public async Task<bool> IsActiveAsync(int id, bool requirePendingOneTimePassword, CancellationToken cancellationToken)
    {
        if (!requirePendingOneTimePassword)
        {
            return await IsActiveAsync(id, cancellationToken);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.AsNoTracking().Where(c => c.Id == id && c.Status == ClientStatus.Enabled)
            .Select(c => new { c.ResetPasswordHash, c.ResetPasswordExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        return client is not null && IsPending(client.ResetPasswordHash, client.ResetPasswordExpiresAt);
    }

    /// <summary>
    /// Ends a one-time-password session: sets the new password (password rules apply) and clears the one-time password.
    /// Refused when no unexpired one-time password is pending any more (it was used, expired or replaced by an admin).
    /// </summary>
    public async Task CompletePasswordResetAsync(int id, string? newPassword, string? confirmPassword, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(ApiClientService.EntityName, id.ToString(CultureInfo.InvariantCulture));
        if (!HasPendingOneTimePassword(client))
        {
            var errors = new ValidationErrors();
            errors.Add("currentPassword", OneTimePasswordGoneMessage);
            errors.ThrowIfAny();
        }

        await security.SetPasswordAsync(id, newPassword, confirmPassword, ActorFor(client.ClientId), cancellationToken);
    }

    /// <summary>Shown when a one-time-password session can no longer set a password.</summary>
    public const string OneTimePasswordGoneMessage = "Your one-time password has expired or was already used. Request a new one, or sign in with your password.";

    /// <summary>True while the client exists and is enabled (sessions of disabled, locked or deleted clients end).</summary>
    public async Task<bool> IsActiveAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiClients.AnyAsync(c => c.Id == id && c.Status == ClientStatus.Enabled, cancellationToken);
    }

    /// <summary>The partner's profile with its groups (direct and via scopes) and their APIs; null when the client is gone.</summary>
    public async Task<PartnerProfile?> GetProfileAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var direct = await db.ClientGroups.AsNoTracking().Where(m => m.ApiClientId == id).Select(m => m.ApiGroupId).ToListAsync(cancellationToken);
        var viaScopes = await (
            from m in db.ClientScopes.AsNoTracking()
            join g in db.ApiScopeGroups.AsNoTracking() on m.ApiScopeId equals g.ApiScopeId
            where m.ApiClientId == id
            select new { g.ApiGroupId, Scope = g.ApiScope!.Name }).ToListAsync(cancellationToken);
        var groupIds = direct.Concat(viaScopes.Select(s => s.ApiGroupId)).Distinct().ToList();
        var groups = await db.ApiGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, g.Alias, Level = g.SecurityLevel!.Code }).ToListAsync(cancellationToken);
        var apis = await db.ApiGroupApis.AsNoTracking().Where(a => groupIds.Contains(a.ApiGroupId))
            .Select(a => new { a.ApiGroupId, a.Api!.Id, a.Api.Name, a.Api.DisplayName, a.Api.Version, a.Api.Path, a.Api.Methods, a.Api.Status })
            .ToListAsync(cancellationToken);
        var partnerGroups = groups
            .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PartnerGroup(
                g.Id,
                g.Name,
                g.Alias,
                g.Level,
                direct.Contains(g.Id),
                [.. viaScopes.Where(s => s.ApiGroupId == g.Id).Select(s => s.Scope).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. apis.Where(a => a.ApiGroupId == g.Id)
                    .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Version, StringComparer.Ordinal)
                    .Select(a => new PartnerApi(a.Id, a.Name, a.DisplayName, a.Version, a.Path, a.Methods, a.Status))]))
            .ToList();
        return new PartnerProfile(
            client.Id,
            client.ClientId,
            client.DisplayName,
            client.Status,
            client.StartDate,
            client.ExpiryDate,
            client.ServiceStartTime,
            client.ServiceEndTime,
            client.TimeZoneId,
            client.ApiQuota,
            client.QuotaResetPeriod,
            partnerGroups);
    }

    /// <summary>The partner changes its own password: the current one must match; the new one follows the client password rules.</summary>
    public async Task ChangePasswordAsync(int id, string? currentPassword, string? newPassword, string? confirmPassword, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(ApiClientService.EntityName, id.ToString(CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(currentPassword) || !passwordHasher.Verify(client.PasswordHash, currentPassword))
        {
            var errors = new ValidationErrors();
            errors.Add("currentPassword", "The current password is wrong.");
            errors.ThrowIfAny();
        }

        await security.SetPasswordAsync(id, newPassword, confirmPassword, ActorFor(client.ClientId), cancellationToken);
    }

    /// <summary>
    /// Anonymous reset request: when the client exists and has an email address, a separate one-time password is
    /// stored and mailed (at most one per client per <see cref="ClientSecurityService.OneTimePasswordRequestInterval"/>);
    /// the client's password is not touched. Says nothing about the outcome, so callers cannot probe Client IDs.
    /// </summary>
    public async Task RequestPasswordResetAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = clientId.Trim();
        var client = await db.ApiClients.AsNoTracking().Where(c => c.ClientId == key)
            .Select(c => new { c.Id, c.ClientId, c.Emails }).FirstOrDefaultAsync(cancellationToken);
        if (client is null || ApiClientService.SplitEmails(client.Emails).Count == 0)
        {
            return;
        }

        try
        {
            await security.IssuePartnerOneTimePasswordAsync(client.Id, ActorFor(client.ClientId), cancellationToken);
        }
        catch (EntityConflictException)
        {
            // A concurrent write to the client (e.g. a simultaneous request) won: it is answered like a throttled one.
        }
    }

    private bool HasPendingOneTimePassword(ApiClient client) => IsPending(client.ResetPasswordHash, client.ResetPasswordExpiresAt);

    private bool IsPending(string? hash, DateTime? expiresAt) =>
        hash is not null && expiresAt is { } expiry && timeProvider.GetUtcNow().UtcDateTime < expiry;

    private async Task<bool> RecordFailureAsync(GatewayDbContext db, ApiClient client, CancellationToken cancellationToken)
    {
        // Atomic increment, like the gateway's count: no audit, no config version (runtime state).
        var updated = await db.ApiClients.Where(c => c.Id == client.Id && c.Status == ClientStatus.Enabled)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        var tracked = await db.ApiClients.FirstAsync(c => c.Id == client.Id, cancellationToken);
        if (tracked.FailedAttemptThreshold <= 0 || tracked.FailedAttempts < tracked.FailedAttemptThreshold)
        {
            return false;
        }

        await ClientLock.LockAsync(writer, db, tracked, tracked.FailedAttempts - 1, tracked.FailedAttempts, ActorFor(client.ClientId), timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return true;
    }

    private static class DummyHash
    {
        public static readonly string Value = new ClientPasswordHasher().Hash(Guid.NewGuid().ToString("N"));
    }
}
