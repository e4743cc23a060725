using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Scopes;

/// <summary>All reads and writes of API scopes and their groups, with validation; shared by the console and the admin API.</summary>
public sealed partial class ApiScopeService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "ApiScope";

    /// <summary>Searches by name or description.</summary>
    public async Task<PagedResult<ApiScope>> ListAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ApiScopes.AsNoTracking().Include(s => s.Groups).AsQueryable();
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(s => EF.Functions.Like(s.Name, pattern) || (s.Description != null && EF.Functions.Like(s.Description, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(s => s.Name).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<ApiScope>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One scope with its groups (and their levels), or null.</summary>
    public async Task<ApiScope?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiScopes.AsNoTracking().Include(s => s.Groups).ThenInclude(m => m.ApiGroup).ThenInclude(g => g!.SecurityLevel)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>Client ids of the clients holding the scope.</summary>
    public async Task<IReadOnlyList<string>> FindClientsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ClientsAsync(db, id, cancellationToken);
    }

    /// <summary>Validates and creates a scope (without groups).</summary>
    public async Task<ApiScope> CreateAsync(ApiScopeInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var scope = new ApiScope { Name = normalized.Name, Description = normalized.Description, CreatedAt = now, UpdatedAt = now };
        db.ApiScopes.Add(scope);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, scope.Id.ToString(), "Created", null, ApiScopeInput.From(scope)), cancellationToken);
        return scope;
    }

    /// <summary>Validates and updates a scope; a stale stamp is refused.</summary>
    public async Task<ApiScope> UpdateAsync(int id, ApiScopeInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scope = await db.ApiScopes.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, scope.ConcurrencyStamp, "API scope");

        var before = ApiScopeInput.From(scope);
        var normalized = await ValidateAsync(db, input, id, cancellationToken);
        scope.Name = normalized.Name;
        scope.Description = normalized.Description;
        scope.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        scope.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, ApiScopeInput.From(scope)), cancellationToken);
        return scope;
    }

    /// <summary>
    /// Adds groups to the scope (ones already in it are skipped); unknown ids are refused, and so is a group above the
    /// level of a client holding the scope (it would gain the group through the scope).
    /// </summary>
    public async Task<ApiScope> AddGroupsAsync(int scopeId, IReadOnlyCollection<int> groupIds, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scope = await db.ApiScopes.Include(s => s.Groups).FirstOrDefaultAsync(s => s.Id == scopeId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, scopeId.ToString());
        var wanted = await Memberships.RequireExistingAsync(
            groupIds, ids => db.ApiGroups.Where(g => ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken), "groupIds", "Choose at least one API group.", "API group");

        var before = scope.Groups.Select(m => m.ApiGroupId).Order().ToList();
        var added = wanted.Except(before).ToList();
        if (added.Count == 0)
        {
            return scope;
        }

        await CheckLevelsOfHoldersAsync(db, scopeId, added, cancellationToken);
        foreach (var groupId in added)
        {
            scope.Groups.Add(new ApiScopeGroup { ApiScopeId = scopeId, ApiGroupId = groupId });
        }

        scope.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        scope.ConcurrencyStamp = Guid.NewGuid();
        var after = scope.Groups.Select(m => m.ApiGroupId).Order().ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, scopeId.ToString(), "GroupsAdded", new { GroupIds = before }, new { GroupIds = after }), cancellationToken);
        return scope;
    }

    /// <summary>Removes one group from the scope; a group not in it answers not found.</summary>
    public async Task RemoveGroupAsync(int scopeId, int groupId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scope = await db.ApiScopes.Include(s => s.Groups).FirstOrDefaultAsync(s => s.Id == scopeId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, scopeId.ToString());
        var membership = scope.Groups.FirstOrDefault(m => m.ApiGroupId == groupId)
            ?? throw new EntityNotFoundException("API group in scope", $"{scope.Name}/{groupId}");
        var before = scope.Groups.Select(m => m.ApiGroupId).Order().ToList();
        scope.Groups.Remove(membership);
        scope.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        scope.ConcurrencyStamp = Guid.NewGuid();
        var after = scope.Groups.Select(m => m.ApiGroupId).Order().ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, scopeId.ToString(), "GroupRemoved", new { GroupIds = before }, new { GroupIds = after }), cancellationToken);
    }

    /// <summary>
    /// Deletes a scope (its group memberships go with it). Refused while clients hold it, unless
    /// <paramref name="removeMemberships"/> is true: then those assignments are removed in the same audited write.
    /// </summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken, bool removeMemberships = false)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scope = await db.ApiScopes.Include(s => s.Groups).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var clients = await ClientsAsync(db, id, cancellationToken);
        if (clients.Count > 0 && !removeMemberships)
        {
            throw new EntityConflictException(Memberships.InUseMessage("API scope", scope.Name, ("client", clients)));
        }

        if (clients.Count > 0)
        {
            db.ClientScopes.RemoveRange(await db.ClientScopes.Where(m => m.ApiScopeId == id).ToListAsync(cancellationToken));
        }

        var before = new { Scope = ApiScopeInput.From(scope), GroupIds = scope.Groups.Select(m => m.ApiGroupId).Order().ToList(), RemovedFromClients = clients };
        db.ApiScopes.Remove(scope);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    /// <summary>A client of rank r may only hold groups of rank &gt;= r, through a scope too: refuses groups that break a holder.</summary>
    private static async Task CheckLevelsOfHoldersAsync(GatewayDbContext db, int scopeId, IReadOnlyCollection<int> groupIds, CancellationToken cancellationToken)
    {
        var holders = await db.ClientScopes.AsNoTracking().Where(m => m.ApiScopeId == scopeId)
            .Select(m => new { m.Client!.ClientId, m.Client.SecurityLevel!.Rank }).ToListAsync(cancellationToken);
        if (holders.Count == 0)
        {
            return;
        }

        var groups = await db.ApiGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Name, g.SecurityLevel!.Code, g.SecurityLevel.Rank }).ToListAsync(cancellationToken);
        var errors = new ValidationErrors();
        foreach (var group in groups.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var blocked = holders.Where(h => h.Rank > group.Rank).Select(h => h.ClientId).Order(StringComparer.Ordinal).ToList();
            if (blocked.Count > 0)
            {
                errors.Add("groupIds", $"Group '{group.Name}' is at level {group.Code}, above the level of {blocked.Count} client(s) holding this scope: {string.Join(", ", blocked)}. Remove the scope from them or raise their level first.");
            }
        }

        errors.ThrowIfAny();
    }

    private static async Task<IReadOnlyList<string>> ClientsAsync(GatewayDbContext db, int id, CancellationToken cancellationToken) =>
        await db.ClientScopes.AsNoTracking().Where(m => m.ApiScopeId == id).Select(m => m.Client!.ClientId).OrderBy(c => c).ToListAsync(cancellationToken);

    /// <summary>Checks every field that needs no database (all errors at once) and returns the normalized input.</summary>
    internal static ApiScopeInput Validate(ApiScopeInput input, ValidationErrors errors)
    {
        var name = errors.RequiredText("name", "Name", input.Name, 100, "Name may hold up to 100 letters, digits, '.', '_', ':' or '-' (no spaces).", NamePattern());

        if (input.Description is { Length: > 1000 })
        {
            errors.Add("description", "Description must be at most 1000 characters.");
        }

        return input with { Name = name, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim() };
    }

    private static async Task<ApiScopeInput> ValidateAsync(GatewayDbContext db, ApiScopeInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        if (normalized.Name.Length > 0 && await db.ApiScopes.AnyAsync(s => s.Name == normalized.Name && s.Id != id, cancellationToken))
        {
            errors.Add("name", $"An API scope named '{normalized.Name}' already exists.");
        }

        errors.ThrowIfAny();
        return normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex NamePattern();
}
