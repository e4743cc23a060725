using System.Text.RegularExpressions;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Admin.Account;

/// <summary>
/// Console user administration: create, set role, disable / enable, unlock, reset password. Validates with field
/// errors, keeps at least one enabled Administrator, and audits every write (never the password).
/// </summary>
internal sealed partial class AdminUserService(
    UserManager<AdminUser> userManager,
    IDbContextFactory<AdminDbContext> contextFactory,
    AuditRecorder audit,
    TimeProvider timeProvider)
{
    public const string EntityName = "AdminUser";

    /// <summary>Every console user with its role, by user name.</summary>
    public async Task<IReadOnlyList<AdminUserInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(db, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return [.. users.Select(u => ToInfo(u, roles.GetValueOrDefault(u.Id), now))];
    }

    /// <summary>Validates and creates a user with its role and initial password.</summary>
    public async Task<AdminUserInfo> CreateAsync(NewAdminUser input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var userName = input.UserName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            Add(errors, "userName", "User name is required.");
        }
        else if (userName.Length > 64 || !UserNamePattern().IsMatch(userName))
        {
            Add(errors, "userName", "User name may hold up to 64 letters, digits, '.', '_', '-' or '@'.");
        }
        else if (await userManager.FindByNameAsync(userName) is not null)
        {
            Add(errors, "userName", $"A user named '{userName}' already exists.");
        }

        var displayName = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim();
        if (displayName is { Length: > 100 })
        {
            Add(errors, "displayName", "Display name must be at most 100 characters.");
        }

        CheckRole(errors, input.Role);
        var user = new AdminUser { UserName = userName, DisplayName = displayName, CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
        await CheckPasswordAsync(errors, "password", user, input.Password);
        ThrowIfAny(errors);

        var result = await userManager.CreateAsync(user, input.Password);
        ThrowIfFailed(result, "userName");
        ThrowIfFailed(await userManager.AddToRoleAsync(user, input.Role), "role");
        var info = ToInfo(user, input.Role, timeProvider.GetUtcNow());
        await audit.RecordAsync(actor, new AuditChange(EntityName, user.Id, "Created", null, Image(info)), cancellationToken);
        return info;
    }

    /// <summary>Gives the user <paramref name="role"/> instead of its current one.</summary>
    public async Task SetRoleAsync(string userId, string role, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        CheckRole(errors, role);
        ThrowIfAny(errors);

        var user = await FindAsync(userId);
        var before = await InfoAsync(user, cancellationToken);
        if (before.Role == role)
        {
            return;
        }

        if (before.Role == AdminRoles.Administrator && !before.IsDisabled && await CountEnabledAdministratorsAsync(cancellationToken) <= 1)
        {
            throw new EntityConflictException($"'{user.UserName}' is the last enabled Administrator; make another user Administrator first.");
        }

        var current = await userManager.GetRolesAsync(user);
        ThrowIfFailed(await userManager.RemoveFromRolesAsync(user, current), "role");
        ThrowIfFailed(await userManager.AddToRoleAsync(user, role), "role");
        await userManager.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor, new AuditChange(EntityName, user.Id, "RoleChanged", Image(before), Image(before with { Role = role })), cancellationToken);
    }

    /// <summary>Disables (signs out and blocks) or re-enables a user; you cannot disable yourself or the last Administrator.</summary>
    public async Task SetDisabledAsync(string userId, bool disabled, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(userId);
        if (user.IsDisabled == disabled)
        {
            return;
        }

        var before = await InfoAsync(user, cancellationToken);
        if (disabled)
        {
            if (string.Equals(user.UserName, actor.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new EntityConflictException("You cannot disable your own account.");
            }

            if (before.Role == AdminRoles.Administrator && await CountEnabledAdministratorsAsync(cancellationToken) <= 1)
            {
                throw new EntityConflictException($"'{user.UserName}' is the last enabled Administrator and cannot be disabled.");
            }
        }

        user.IsDisabled = disabled;
        ThrowIfFailed(await userManager.UpdateAsync(user), "isDisabled");

        // A new stamp ends existing sessions at their next validation.
        await userManager.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor, new AuditChange(EntityName, user.Id, disabled ? "Disabled" : "Enabled", Image(before), Image(before with { IsDisabled = disabled })), cancellationToken);
    }

    /// <summary>Ends a lockout and clears the failed-attempt counter.</summary>
    public async Task UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var before = await InfoAsync(user, cancellationToken);
        ThrowIfFailed(await userManager.SetLockoutEndDateAsync(user, null), "lockout");
        ThrowIfFailed(await userManager.ResetAccessFailedCountAsync(user), "lockout");
        await audit.RecordAsync(actor, new AuditChange(EntityName, user.Id, "Unlocked", Image(before), Image(before with { LockedUntil = null })), cancellationToken);
    }

    /// <summary>Sets a new password chosen by an administrator (the user's sessions end).</summary>
    public async Task ResetPasswordAsync(string userId, string newPassword, Actor actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await CheckPasswordAsync(errors, "password", user, newPassword);
        ThrowIfAny(errors);

        if (await userManager.HasPasswordAsync(user))
        {
            ThrowIfFailed(await userManager.RemovePasswordAsync(user), "password");
        }

        ThrowIfFailed(await userManager.AddPasswordAsync(user, newPassword), "password");
        var info = await InfoAsync(user, cancellationToken);
        await audit.RecordAsync(actor, new AuditChange(EntityName, user.Id, "PasswordReset", null, Image(info)), cancellationToken);
    }

    /// <summary>
    /// Changes the signed-in user's own password: current password checked, Identity's rules and the confirmation
    /// reported as field errors all at once; audited as "PasswordChanged".
    /// </summary>
    public async Task ChangeOwnPasswordAsync(AdminUser user, string? currentPassword, string? newPassword, string? confirmPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(currentPassword))
        {
            Add(errors, "currentPassword", "Enter your current password.");
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            Add(errors, "newPassword", "Enter a new password.");
        }
        else
        {
            await CheckPasswordAsync(errors, "newPassword", user, newPassword);
            if (newPassword != confirmPassword)
            {
                Add(errors, "confirmPassword", "The new password and its confirmation do not match.");
            }
        }

        if (errors.Count > 0 && !errors.ContainsKey("currentPassword") && !await userManager.CheckPasswordAsync(user, currentPassword!))
        {
            Add(errors, "currentPassword", WrongCurrentPassword);
        }

        ThrowIfAny(errors);
        var result = await userManager.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            throw new ServiceValidationException(result.Errors
                .GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? WrongCurrentPassword : e.Description).ToArray(), StringComparer.Ordinal));
        }

        await audit.RecordAsync(new Actor(user.UserName ?? "", "console"), new AuditChange(EntityName, user.Id, "PasswordChanged", null, new { user.UserName }), cancellationToken);
    }

    private const string WrongCurrentPassword = "The current password is wrong.";

    private async Task<AdminUser> FindAsync(string userId) =>
        await userManager.FindByIdAsync(userId ?? "") ?? throw new EntityNotFoundException(EntityName, userId ?? "");

    private async Task<AdminUserInfo> InfoAsync(AdminUser user, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var roles = await RolesByUserAsync(db, cancellationToken);
        return ToInfo(user, roles.GetValueOrDefault(user.Id), timeProvider.GetUtcNow());
    }

    private async Task<int> CountEnabledAdministratorsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      join u in db.Users on ur.UserId equals u.Id
                      where r.Name == AdminRoles.Administrator && !u.IsDisabled
                      select u.Id).Distinct().CountAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);

        // Administrator wins if a user somehow holds both roles.
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => g.Any(p => p.Name == AdminRoles.Administrator) ? AdminRoles.Administrator : g.First().Name ?? "");
    }

    private async Task CheckPasswordAsync(Dictionary<string, List<string>> errors, string field, AdminUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            Add(errors, field, "Password is required.");
            return;
        }

        foreach (var validator in userManager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(userManager, user, password);
            foreach (var error in result.Errors)
            {
                Add(errors, field, error.Description);
            }
        }
    }

    private static void CheckRole(Dictionary<string, List<string>> errors, string? role)
    {
        if (role is null || !AdminRoles.All.Contains(role))
        {
            Add(errors, "role", $"Role must be {string.Join(" or ", AdminRoles.All)}.");
        }
    }

    private AdminUserInfo ToInfo(AdminUser user, string? role, DateTimeOffset now) => new(
        user.Id,
        user.UserName ?? "",
        user.DisplayName,
        role ?? "",
        user.IsDisabled,
        user.LockoutEnd is { } end && end > now ? end.UtcDateTime : null,
        user.LastLoginAt,
        user.CreatedAt);

    /// <summary>The audited image: no password, hash or stamp.</summary>
    private static object Image(AdminUserInfo info) => new { info.UserName, info.DisplayName, info.Role, info.IsDisabled, info.LockedUntil };

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            list = [];
            errors[field] = list;
        }

        list.Add(message);
    }

    private static void ThrowIfAny(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    private static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { [field] = [.. result.Errors.Select(e => e.Description)] });
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex UserNamePattern();
}
