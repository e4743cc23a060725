using System.Net.Mail;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// All reads and writes of API users, with validation; shared by the console and the admin API. API users are not part
/// of the gateway snapshot, so writes record an audit row (never a password) without bumping the config version.
/// </summary>
public sealed partial class ApiUserService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    AuditRecorder audit,
    ClientPasswordHasher passwordHasher,
    TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "ApiUser";

    public const int MinUserNameLength = 3;
    public const int MaxUserNameLength = 100;
    public const int MaxDisplayNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;

    /// <summary>Most clients a user may be restricted to.</summary>
    public const int MaxAllowedClients = 100;

    /// <summary>Searches by user name, display name or email; <paramref name="status"/> null = all. Items carry their allowed clients.</summary>
    public async Task<PagedResult<ApiUser>> ListAsync(PageRequest request, ApiUserStatus? status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ApiUsers.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(u => u.Status == s);
        }

        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(u => EF.Functions.Like(u.UserName, pattern)
                || EF.Functions.Like(u.DisplayName, pattern)
                || (u.Email != null && EF.Functions.Like(u.Email, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(u => u.UserName).Skip(page.Skip).Take(page.PageSize).AsSplitQuery()
            .Include(u => u.Clients).ThenInclude(c => c.Client)
            .ToListAsync(cancellationToken);
        return new PagedResult<ApiUser>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One user with its allowed clients; or null.</summary>
    public async Task<ApiUser?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Details(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>Like <see cref="FindAsync(int, CancellationToken)"/>, addressed by user name (any case).</summary>
    public async Task<ApiUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > MaxUserNameLength + 50)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = userName.Trim();
        return await Details(db).FirstOrDefaultAsync(u => u.UserName == key, cancellationToken);
    }

    /// <summary>Client IDs an admin may restrict a user to, searched by client id or display name (at most a page).</summary>
    public async Task<IReadOnlyList<string>> ListClientChoicesAsync(string? keyword, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ApiClients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(keyword))
        {
            var pattern = "%" + keyword.Trim() + "%";
            query = query.Where(c => EF.Functions.Like(c.ClientId, pattern) || EF.Functions.Like(c.DisplayName, pattern));
        }

        return await query.OrderBy(c => c.ClientId).Select(c => c.ClientId).Take(PageRequest.MaxPageSize).ToListAsync(cancellationToken);
    }

    /// <summary>Validates and creates an enabled user, hashing its password.</summary>
    public async Task<ApiUser> CreateAsync(ApiUserInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        ValidateNewPassword(input.Password, input.ConfirmPassword, normalized.UserName, errors);
        await CheckUniqueAsync(db, normalized.UserName, null, errors, cancellationToken);
        var clientIds = await ResolveClientsAsync(db, normalized.AllowedClients, errors, cancellationToken);
        errors.ThrowIfAny();
        var now = Now();
        var user = new ApiUser
        {
            UserName = normalized.UserName,
            DisplayName = normalized.DisplayName,
            Email = normalized.Email,
            PasswordHash = passwordHasher.Hash(input.Password!),
            RestrictedToClients = clientIds.Count > 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.Clients.AddRange(clientIds.Select(id => new ApiUserClient { ApiClientId = id }));
        db.ApiUsers.Add(user);
        await CommitAsync(db, actor, () => Change(user.Id, "Created", null, normalized with { Password = null, ConfirmPassword = null, ConcurrencyStamp = null }), cancellationToken);
        return await FindAsync(user.Id, cancellationToken) ?? user;
    }

    /// <summary>Validates and updates a user's name, display name, email and allowed clients; a stale stamp is refused.</summary>
    public async Task<ApiUser> UpdateAsync(int id, ApiUserInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.ApiUsers.Include(u => u.Clients).ThenInclude(c => c.Client).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, user.ConcurrencyStamp, "API user");
        var before = ApiUserInput.From(user) with { ConcurrencyStamp = null };
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        await CheckUniqueAsync(db, normalized.UserName, id, errors, cancellationToken);
        var clientIds = await ResolveClientsAsync(db, normalized.AllowedClients, errors, cancellationToken);
        errors.ThrowIfAny();
        user.UserName = normalized.UserName;
        user.DisplayName = normalized.DisplayName;
        user.Email = normalized.Email;
        var held = user.Clients.Select(c => c.ApiClientId).ToHashSet();
        db.ApiUserClients.RemoveRange(user.Clients.Where(c => !clientIds.Contains(c.ApiClientId)));
        db.ApiUserClients.AddRange(clientIds.Where(c => !held.Contains(c)).Select(c => new ApiUserClient { ApiUserId = id, ApiClientId = c }));
        user.RestrictedToClients = clientIds.Count > 0;
        Touch(user);
        var after = normalized with { Password = null, ConfirmPassword = null, ConcurrencyStamp = null };
        await CommitAsync(db, actor, () => Change(id, "Updated", before, after), cancellationToken);
        return await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
    }

    /// <summary>An admin sets a new password (with its confirmation); failed attempts are cleared.</summary>
    public async Task SetPasswordAsync(int id, string? password, string? confirmPassword, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await LoadAsync(db, id, cancellationToken);
        var errors = new ValidationErrors();
        ValidateNewPassword(password, confirmPassword, user.UserName, errors);
        errors.ThrowIfAny();
        user.PasswordHash = passwordHasher.Hash(password!);
        user.FailedAttempts = 0;
        Touch(user);
        await CommitAsync(db, actor, () => Change(id, "PasswordChanged", null, new { user.UserName }), cancellationToken);
    }

    /// <summary>Lets the user sign in again: status Enabled, failed attempts and any lockout cleared.</summary>
    public Task<ApiUser> EnableAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ApiUserStatus.Enabled, "Enabled", actor, cancellationToken);

    /// <summary>Refuses every sign-in of the user until it is enabled again.</summary>
    public Task<ApiUser> DisableAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ApiUserStatus.Disabled, "Disabled", actor, cancellationToken);

    /// <summary>Ends a lockout (a locked user becomes Enabled; a disabled one stays disabled) and clears failed attempts.</summary>
    public async Task<ApiUser> UnlockAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await LoadAsync(db, id, cancellationToken);
        var before = new { user.Status, user.FailedAttempts, user.LockedUntil };
        if (user.Status == ApiUserStatus.Locked)
        {
            user.Status = ApiUserStatus.Enabled;
        }

        user.FailedAttempts = 0;
        user.LockedUntil = null;
        Touch(user);
        await CommitAsync(db, actor, () => Change(id, "Unlocked", before, new { user.Status, user.FailedAttempts, user.LockedUntil }), cancellationToken);
        return await FindAsync(id, cancellationToken) ?? user;
    }

    /// <summary>Deletes a user with its client restrictions; the audit log keeps its last image.</summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.ApiUsers.Include(u => u.Clients).ThenInclude(c => c.Client).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var before = ApiUserInput.From(user) with { ConcurrencyStamp = null };
        db.ApiUsers.Remove(user);
        await CommitAsync(db, actor, () => Change(id, "Deleted", before, null), cancellationToken);
    }

    /// <summary>
    /// Checks a new password and its confirmation: required, 8–128 characters, not the user name (any case), equal to
    /// the confirmation.
    /// </summary>
    internal static void ValidateNewPassword(string? password, string? confirmPassword, string? userName, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "Password is required.");
            return;
        }

        if (password.Length < MinPasswordLength)
        {
            errors.Add("password", $"Password must be at least {MinPasswordLength} characters.");
        }
        else if (password.Length > ClientPasswordHasher.MaxLength)
        {
            errors.Add("password", $"Password must be at most {ClientPasswordHasher.MaxLength} characters.");
        }

        if (!string.IsNullOrWhiteSpace(userName) && string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("password", "Password must not be the user name.");
        }

        if (string.IsNullOrEmpty(confirmPassword))
        {
            errors.Add("confirmPassword", "Confirm the password.");
        }
        else if (!string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            errors.Add("confirmPassword", "The passwords do not match.");
        }
    }

    /// <summary>Checks every field except the password (all errors at once) and returns the normalized input.</summary>
    internal static ApiUserInput Validate(ApiUserInput input, ValidationErrors errors)
    {
        var userName = input.UserName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            errors.Add("userName", "User name is required.");
        }
        else if (userName.Length is < MinUserNameLength or > MaxUserNameLength || !UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", $"User name must be {MinUserNameLength}–{MaxUserNameLength} letters, digits, '.', '_', '@' or '-'.");
        }

        var displayName = errors.RequiredText("displayName", "Display name", input.DisplayName, MaxDisplayNameLength, $"Display name must be at most {MaxDisplayNameLength} characters.");
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal)))
        {
            errors.Add("email", $"'{Shorten(email)}' is not a valid email address.");
        }

        var clients = new List<string>();
        foreach (var raw in input.AllowedClients ?? [])
        {
            var clientId = raw?.Trim() ?? "";
            if (clientId.Length == 0)
            {
                errors.Add("allowedClients", "A client ID must not be empty.");
            }
            else if (!clients.Contains(clientId, StringComparer.OrdinalIgnoreCase))
            {
                clients.Add(clientId);
            }
        }

        if (clients.Count > MaxAllowedClients)
        {
            errors.Add("allowedClients", $"At most {MaxAllowedClients} clients may be listed.");
        }

        return input with { UserName = userName, DisplayName = displayName, Email = email, AllowedClients = clients };
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    private static IQueryable<ApiUser> Details(GatewayDbContext db) =>
        db.ApiUsers.AsNoTracking().Include(u => u.Clients).ThenInclude(c => c.Client);

    private static async Task<ApiUser> LoadAsync(GatewayDbContext db, int id, CancellationToken cancellationToken) =>
        await db.ApiUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());

    private static async Task CheckUniqueAsync(GatewayDbContext db, string userName, int? id, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (userName.Length > 0 && await db.ApiUsers.AnyAsync(u => u.UserName == userName && u.Id != id, cancellationToken))
        {
            errors.Add("userName", $"An API user named '{userName}' already exists.");
        }
    }

    /// <summary>The database ids of the listed clients (any case); names no client is found for are errors.</summary>
    private static async Task<List<int>> ResolveClientsAsync(GatewayDbContext db, IReadOnlyList<string> clientIds, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (clientIds.Count == 0 || clientIds.Count > MaxAllowedClients)
        {
            return [];
        }

        var found = await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.ClientId)).Select(c => new { c.Id, c.ClientId }).ToListAsync(cancellationToken);
        foreach (var missing in clientIds.Where(w => !found.Any(f => string.Equals(f.ClientId, w, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add("allowedClients", $"No client with Client ID '{Shorten(missing)}'.");
        }

        return [.. found.Select(f => f.Id).Distinct()];
    }

    private async Task<ApiUser> SetStatusAsync(int id, ApiUserStatus status, string action, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await LoadAsync(db, id, cancellationToken);
        var before = new { user.Status, user.FailedAttempts, user.LockedUntil };
        user.Status = status;
        if (status == ApiUserStatus.Enabled)
        {
            user.FailedAttempts = 0;
            user.LockedUntil = null;
        }

        Touch(user);
        await CommitAsync(db, actor, () => Change(id, action, before, new { user.Status, user.FailedAttempts, user.LockedUntil }), cancellationToken);
        return await FindAsync(id, cancellationToken) ?? user;
    }

    /// <summary>Saves the caller's changes and one audit row in one transaction.</summary>
    private async Task CommitAsync(GatewayDbContext db, Actor actor, Func<AuditChange> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EntityConflictException("The API user was changed or deleted by someone else. Reload it and try again.");
        }

        audit.Add(db, actor, change());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private void Touch(ApiUser user)
    {
        user.UpdatedAt = Now();
        user.ConcurrencyStamp = Guid.NewGuid();
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;

    private static AuditChange Change(int id, string action, object? before, object? after) => new(EntityName, id.ToString(), action, before, after);

    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex UserNamePattern();
}
