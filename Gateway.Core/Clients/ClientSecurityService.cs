using System.Security.Cryptography;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Clients;

/// <summary>
/// A client's security configuration: security level, groups, scopes, failed-attempt settings, unlock and passwords.
/// Enforces the level rule: a client may only hold groups (directly or through scopes) whose level ranks the same as or
/// below its own. Every write goes through <see cref="ConfigChangeWriter"/>; passwords are never audited.
/// </summary>
public sealed class ClientSecurityService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    ClientPasswordHasher passwordHasher,
    MailOutboxService mailOutbox,
    TimeProvider timeProvider)
{
    /// <summary>Length of a generated one-time password.</summary>
    public const int OneTimePasswordLength = 20;

    /// <summary>How long a partner-requested one-time password is accepted by the portal.</summary>
    public static readonly TimeSpan OneTimePasswordValidity = TimeSpan.FromMinutes(30);

    /// <summary>At most one partner-requested one-time password mail per client within this interval.</summary>
    public static readonly TimeSpan OneTimePasswordRequestInterval = TimeSpan.FromMinutes(5);

    /// <summary>Highest allowed failed-attempt threshold.</summary>
    public const int MaxFailedAttemptThreshold = 99;

    private const string OneTimePasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@_";

    /// <summary>Moves the client to another level; refused while a held group (direct or via a scope) ranks above it.</summary>
    public async Task SetSecurityLevelAsync(int id, int securityLevelId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var level = await db.SecurityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == securityLevelId, cancellationToken);
        if (level is null)
        {
            var errors = new ValidationErrors();
            errors.Add("securityLevelId", "The security level does not exist.");
            errors.ThrowIfAny();
        }

        var direct = await db.ClientGroups.AsNoTracking().Where(m => m.ApiClientId == id && m.ApiGroup!.SecurityLevel!.Rank < level!.Rank)
            .Select(m => m.ApiGroup!.Name + " (level " + m.ApiGroup.SecurityLevel!.Code + ")").ToListAsync(cancellationToken);
        var viaScopes = await (
            from m in db.ClientScopes.AsNoTracking()
            join g in db.ApiScopeGroups.AsNoTracking() on m.ApiScopeId equals g.ApiScopeId
            where m.ApiClientId == id && g.ApiGroup!.SecurityLevel!.Rank < level!.Rank
            select g.ApiGroup!.Name + " (level " + g.ApiGroup.SecurityLevel!.Code + ", via scope " + g.ApiScope!.Name + ")")
            .ToListAsync(cancellationToken);
        var offending = direct.Concat(viaScopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (offending.Count > 0)
        {
            throw new EntityConflictException(
                $"Client '{client.ClientId}' cannot move to level {level!.Code}: it holds groups above that level: {string.Join(", ", offending)}. Remove them first.");
        }

        var beforeLevel = await db.SecurityLevels.AsNoTracking().Where(l => l.Id == client.SecurityLevelId).Select(l => l.Code).FirstOrDefaultAsync(cancellationToken);
        client.SecurityLevelId = level!.Id;
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "SecurityLevelChanged", new { SecurityLevel = beforeLevel }, new { SecurityLevel = level.Code }), cancellationToken);
    }

    /// <summary>Groups the client may be given and does not hold yet (level rank ≥ the client's), searched by name or alias.</summary>
    public async Task<IReadOnlyList<AssignableGroup>> ListAssignableGroupsAsync(int id, string? keyword, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rank = await ClientLookup.RankAsync(db, id, cancellationToken);
        var query = db.ApiGroups.AsNoTracking()
            .Where(g => g.SecurityLevel!.Rank >= rank && !db.ClientGroups.Any(m => m.ApiClientId == id && m.ApiGroupId == g.Id));
        if (!string.IsNullOrWhiteSpace(keyword))
        {
            var pattern = "%" + keyword.Trim() + "%";
            query = query.Where(g => EF.Functions.Like(g.Name, pattern) || (g.Alias != null && EF.Functions.Like(g.Alias, pattern)));
        }

        return await query.OrderBy(g => g.Name).Take(PageRequest.MaxPageSize)
            .Select(g => new AssignableGroup(g.Id, g.Name, g.Alias, g.SecurityLevel!.Code, g.SecurityLevel.Rank)).ToListAsync(cancellationToken);
    }

    /// <summary>Scopes the client may be given and does not hold yet (every group of the scope within the client's level).</summary>
    public async Task<IReadOnlyList<AssignableScope>> ListAssignableScopesAsync(int id, string? keyword, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rank = await ClientLookup.RankAsync(db, id, cancellationToken);
        var query = db.ApiScopes.AsNoTracking()
            .Where(s => !s.Groups.Any(g => g.ApiGroup!.SecurityLevel!.Rank < rank) && !db.ClientScopes.Any(m => m.ApiClientId == id && m.ApiScopeId == s.Id));
        if (!string.IsNullOrWhiteSpace(keyword))
        {
            var pattern = "%" + keyword.Trim() + "%";
            query = query.Where(s => EF.Functions.Like(s.Name, pattern) || (s.Description != null && EF.Functions.Like(s.Description, pattern)));
        }

        return await query.OrderBy(s => s.Name).Take(PageRequest.MaxPageSize)
            .Select(s => new AssignableScope(s.Id, s.Name, s.Description)).ToListAsync(cancellationToken);
    }

    /// <summary>Gives the client groups; refused (nothing added) when a group does not exist or ranks above the client's level.</summary>
    public async Task AddGroupsAsync(int id, IReadOnlyCollection<int> groupIds, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var rank = await ClientLookup.RankAsync(db, id, cancellationToken);
        var errors = new ValidationErrors();
        if (groupIds.Count == 0)
        {
            errors.Add("groupIds", "Choose at least one group.");
        }

        var wanted = groupIds.Distinct().ToList();
        var groups = await db.ApiGroups.AsNoTracking().Where(g => wanted.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, g.SecurityLevel!.Code, g.SecurityLevel.Rank }).ToListAsync(cancellationToken);
        foreach (var missing in wanted.Where(w => groups.All(g => g.Id != w)))
        {
            errors.Add("groupIds", $"Group {missing} does not exist.");
        }

        foreach (var hidden in groups.Where(g => g.Rank < rank))
        {
            errors.Add("groupIds", $"Group '{hidden.Name}' is at level {hidden.Code}, above the client's level; the client cannot hold it.");
        }

        errors.ThrowIfAny();
        var held = await db.ClientGroups.Where(m => m.ApiClientId == id).Select(m => m.ApiGroupId).ToListAsync(cancellationToken);
        var added = groups.Where(g => !held.Contains(g.Id)).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        if (added.Count == 0)
        {
            return;
        }

        db.ClientGroups.AddRange(added.Select(g => new ClientGroup { ApiClientId = id, ApiGroupId = g.Id }));
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "GroupsAdded", null, new { Groups = added.Select(g => g.Name).ToList() }), cancellationToken);
    }

    /// <summary>Takes a group from the client.</summary>
    public async Task RemoveGroupAsync(int id, int groupId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var membership = await db.ClientGroups.Include(m => m.ApiGroup).FirstOrDefaultAsync(m => m.ApiClientId == id && m.ApiGroupId == groupId, cancellationToken)
            ?? throw new EntityNotFoundException("Client group", $"{client.ClientId}/{groupId}");
        db.ClientGroups.Remove(membership);
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "GroupRemoved", new { Group = membership.ApiGroup!.Name }, null), cancellationToken);
    }

    /// <summary>Gives the client scopes; refused (nothing added) when a scope does not exist or bundles a group above the client's level.</summary>
    public async Task AddScopesAsync(int id, IReadOnlyCollection<int> scopeIds, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopeIds);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var rank = await ClientLookup.RankAsync(db, id, cancellationToken);
        var errors = new ValidationErrors();
        if (scopeIds.Count == 0)
        {
            errors.Add("scopeIds", "Choose at least one scope.");
        }

        var wanted = scopeIds.Distinct().ToList();
        var hiddenGroups = await db.ApiScopeGroups.AsNoTracking().Where(g => wanted.Contains(g.ApiScopeId) && g.ApiGroup!.SecurityLevel!.Rank < rank)
            .Select(g => new { g.ApiScopeId, Label = g.ApiGroup!.Name + " (level " + g.ApiGroup.SecurityLevel!.Code + ")" }).ToListAsync(cancellationToken);
        var scopes = (await db.ApiScopes.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => new { s.Id, s.Name, Hidden = hiddenGroups.Where(g => g.ApiScopeId == s.Id).Select(g => g.Label).ToList() })
            .ToList();
        foreach (var missing in wanted.Where(w => scopes.All(s => s.Id != w)))
        {
            errors.Add("scopeIds", $"Scope {missing} does not exist.");
        }

        foreach (var scope in scopes.Where(s => s.Hidden.Count > 0))
        {
            errors.Add("scopeIds", $"Scope '{scope.Name}' contains groups above the client's level: {string.Join(", ", scope.Hidden.Order(StringComparer.Ordinal))}.");
        }

        errors.ThrowIfAny();
        var held = await db.ClientScopes.Where(m => m.ApiClientId == id).Select(m => m.ApiScopeId).ToListAsync(cancellationToken);
        var added = scopes.Where(s => !held.Contains(s.Id)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (added.Count == 0)
        {
            return;
        }

        db.ClientScopes.AddRange(added.Select(s => new ClientScope { ApiClientId = id, ApiScopeId = s.Id }));
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "ScopesAdded", null, new { Scopes = added.Select(s => s.Name).ToList() }), cancellationToken);
    }

    /// <summary>Takes a scope from the client.</summary>
    public async Task RemoveScopeAsync(int id, int scopeId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var membership = await db.ClientScopes.Include(m => m.ApiScope).FirstOrDefaultAsync(m => m.ApiClientId == id && m.ApiScopeId == scopeId, cancellationToken)
            ?? throw new EntityNotFoundException("Client scope", $"{client.ClientId}/{scopeId}");
        db.ClientScopes.Remove(membership);
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "ScopeRemoved", new { Scope = membership.ApiScope!.Name }, null), cancellationToken);
    }

    /// <summary>Sets how many wrong passwords lock the client (1–99).</summary>
    public async Task SetFailedAttemptThresholdAsync(int id, int threshold, Actor actor, CancellationToken cancellationToken)
    {
        if (threshold is < 1 or > MaxFailedAttemptThreshold)
        {
            var errors = new ValidationErrors();
            errors.Add("failedAttemptThreshold", $"Allowed failed attempts must be between 1 and {MaxFailedAttemptThreshold}.");
            errors.ThrowIfAny();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var before = client.FailedAttemptThreshold;
        client.FailedAttemptThreshold = threshold;
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "StatusSettingsChanged", new { FailedAttemptThreshold = before }, new { FailedAttemptThreshold = threshold }), cancellationToken);
    }

    /// <summary>Unlocks a locked client (status Enabled) and clears its failed attempts.</summary>
    public async Task UnlockAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var before = new { client.Status, client.FailedAttempts };
        if (client.Status == ClientStatus.Locked)
        {
            client.Status = ClientStatus.Enabled;
        }

        client.FailedAttempts = 0;
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "Unlocked", before, new { client.Status, client.FailedAttempts }), cancellationToken);
    }

    /// <summary>Clears the client's failed attempts (its status stays as it is).</summary>
    public async Task ResetFailedAttemptsAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var before = client.FailedAttempts;
        client.FailedAttempts = 0;
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "FailedAttemptsReset", new { FailedAttempts = before }, new { FailedAttempts = 0 }), cancellationToken);
    }

    /// <summary>An admin sets a new password (with its confirmation).</summary>
    public async Task SetPasswordAsync(int id, string? password, string? confirmPassword, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ApiClientService.ValidateNewPassword(password, confirmPassword, errors);
        errors.ThrowIfAny();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        client.PasswordHash = passwordHasher.Hash(password!);
        ClearOneTimePassword(client);
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "PasswordChanged", null, new { client.ClientId }), cancellationToken);
    }

    /// <summary>
    /// An admin reset: replaces the password with a random one-time password (any pending partner one-time password is
    /// dropped) and queues a mail with it to every client address; refused when the client has no email address.
    /// Returns the queued mail's id.
    /// </summary>
    public async Task<long> ResetPasswordAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var emails = ApiClientService.SplitEmails(client.Emails);
        if (emails.Count == 0)
        {
            throw new EntityConflictException($"Client '{client.ClientId}' has no email address to send a one-time password to. Add one, or set a password instead.");
        }

        var oneTimePassword = NewOneTimePassword();
        client.PasswordHash = passwordHasher.Hash(oneTimePassword);
        ClearOneTimePassword(client);
        Touch(client);
        await writer.CommitAsync(db, actor, () => Change(client, "PasswordReset", null, new { client.ClientId, MailedTo = emails }), cancellationToken);
        var body = $"Hello {client.DisplayName},\n\nthe password of API client '{client.ClientId}' was reset by an administrator.\n\n"
            + $"One-time password: {oneTimePassword}\n\nSign in with it and change it at once.";
        var mail = await mailOutbox.EnqueueAsync(string.Join(",", emails), "Your API client password was reset", body, isHtml: false, cancellationToken);
        return mail.Id;
    }

    /// <summary>
    /// A partner's own reset request: stores a separate one-time password, valid for <see cref="OneTimePasswordValidity"/>
    /// in the partner portal only, and mails it. The client's password is NOT changed (it keeps working everywhere).
    /// Returns null, and sends nothing, when the client has no email address or a one-time password was already
    /// issued within <see cref="OneTimePasswordRequestInterval"/>; otherwise the queued mail's id.
    /// </summary>
    public async Task<long?> IssuePartnerOneTimePasswordAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, id, cancellationToken);
        var emails = ApiClientService.SplitEmails(client.Emails);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (emails.Count == 0 || IsThrottled(client.ResetPasswordExpiresAt, now))
        {
            return null;
        }

        var oneTimePassword = NewOneTimePassword();
        var expiresAt = now + OneTimePasswordValidity;
        client.ResetPasswordHash = passwordHasher.Hash(oneTimePassword);
        client.ResetPasswordExpiresAt = expiresAt;
        Touch(client);
        await writer.CommitAsync(
            db,
            actor,
            () => Change(client, "OneTimePasswordIssued", null, new { client.ClientId, MailedTo = emails, ExpiresAt = expiresAt }),
            cancellationToken);
        var minutes = (int)OneTimePasswordValidity.TotalMinutes;
        var body = $"Hello {client.DisplayName},\n\na one-time password for API client '{client.ClientId}' was requested in the partner portal.\n\n"
            + $"One-time password: {oneTimePassword}\n\n"
            + $"It is valid for {minutes} minutes, only for signing in to the partner portal, where you must then set a new password. "
            + "Your current password keeps working until you do. If you did not ask for this, ignore this mail.";
        var mail = await mailOutbox.EnqueueAsync(string.Join(",", emails), "Your API client one-time password", body, isHtml: false, cancellationToken);
        return mail.Id;
    }

    /// <summary>True while a one-time password issued less than <see cref="OneTimePasswordRequestInterval"/> ago is stored.</summary>
    internal static bool IsThrottled(DateTime? expiresAt, DateTime now) =>
        expiresAt is { } expiry && now < expiry - OneTimePasswordValidity + OneTimePasswordRequestInterval;

    private static string NewOneTimePassword() => RandomNumberGenerator.GetString(OneTimePasswordAlphabet, OneTimePasswordLength);

    private static void ClearOneTimePassword(ApiClient client)
    {
        client.ResetPasswordHash = null;
        client.ResetPasswordExpiresAt = null;
    }

    private void Touch(ApiClient client)
    {
        client.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        client.ConcurrencyStamp = Guid.NewGuid();
    }

    private static AuditChange Change(ApiClient client, string action, object? before, object? after) =>
        new(ApiClientService.EntityName, client.Id.ToString(), action, before, after);
}
