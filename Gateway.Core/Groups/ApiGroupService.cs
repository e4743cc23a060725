using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Groups;

/// <summary>All reads and writes of API groups and their APIs, with validation; shared by the console and the admin API.</summary>
public sealed partial class ApiGroupService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "ApiGroup";

    /// <summary>Searches by name, alias or description; optional level filter.</summary>
    public async Task<PagedResult<ApiGroup>> ListAsync(PageRequest request, CancellationToken cancellationToken, int? securityLevelId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Search(db.ApiGroups.AsNoTracking().Include(g => g.SecurityLevel).Include(g => g.Apis), page.Query);
        if (securityLevelId is { } levelId)
        {
            query = query.Where(g => g.SecurityLevelId == levelId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(g => g.Name).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<ApiGroup>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// Groups a client of level rank <paramref name="rank"/> may see and hold (the group's rank is the same or lower:
    /// rank number &gt;= <paramref name="rank"/>), searched like <see cref="ListAsync"/>.
    /// </summary>
    public async Task<PagedResult<ApiGroup>> ListForLevelAsync(int rank, PageRequest request, CancellationToken cancellationToken, int? securityLevelId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Search(db.ApiGroups.AsNoTracking().Include(g => g.SecurityLevel), page.Query).Where(g => g.SecurityLevel!.Rank >= rank);
        if (securityLevelId is { } levelId)
        {
            query = query.Where(g => g.SecurityLevelId == levelId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(g => g.Name).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<ApiGroup>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One group with its level and APIs, or null.</summary>
    public async Task<ApiGroup?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiGroups.AsNoTracking().Include(g => g.SecurityLevel).Include(g => g.Apis).ThenInclude(m => m.Api)
            .AsSplitQuery().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
    }

    /// <summary>Clients and scopes holding the group.</summary>
    public async Task<ApiGroupUsage> FindUsageAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await UsageAsync(db, id, cancellationToken);
    }

    /// <summary>Validates and creates a group (without APIs).</summary>
    public async Task<ApiGroup> CreateAsync(ApiGroupInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var group = new ApiGroup { Name = normalized.Name, CreatedAt = now };
        Apply(group, normalized, now);
        db.ApiGroups.Add(group);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, group.Id.ToString(), "Created", null, ApiGroupInput.From(group)), cancellationToken);
        return group;
    }

    /// <summary>
    /// Validates and updates a group; a stale stamp is refused, and so is a level change that a client holding the group
    /// (directly or through a scope) would no longer be allowed to hold.
    /// </summary>
    public async Task<ApiGroup> UpdateAsync(int id, ApiGroupInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.ApiGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, group.ConcurrencyStamp, "API group");

        var before = ApiGroupInput.From(group);
        var normalized = await ValidateAsync(db, input, id, cancellationToken);
        Apply(group, normalized, timeProvider.GetUtcNow().UtcDateTime);
        group.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, ApiGroupInput.From(group)), cancellationToken);
        return group;
    }

    /// <summary>Adds APIs to the group (ones already in it are skipped); unknown ids are refused.</summary>
    public async Task<ApiGroup> AddApisAsync(int groupId, IReadOnlyCollection<int> apiIds, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiIds);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.ApiGroups.Include(g => g.Apis).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, groupId.ToString());
        var wanted = await Memberships.RequireExistingAsync(
            apiIds, ids => db.Apis.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken), "apiIds", "Choose at least one API.", "API");

        var before = group.Apis.Select(m => m.ApiDefinitionId).Order().ToList();
        var added = wanted.Except(before).ToList();
        if (added.Count == 0)
        {
            return group;
        }

        foreach (var apiId in added)
        {
            group.Apis.Add(new ApiGroupApi { ApiGroupId = groupId, ApiDefinitionId = apiId });
        }

        group.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        group.ConcurrencyStamp = Guid.NewGuid();
        var after = group.Apis.Select(m => m.ApiDefinitionId).Order().ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, groupId.ToString(), "ApisAdded", new { ApiIds = before }, new { ApiIds = after }), cancellationToken);
        return group;
    }

    /// <summary>Removes one API from the group; an API not in it answers not found.</summary>
    public async Task RemoveApiAsync(int groupId, int apiId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.ApiGroups.Include(g => g.Apis).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, groupId.ToString());
        var membership = group.Apis.FirstOrDefault(m => m.ApiDefinitionId == apiId)
            ?? throw new EntityNotFoundException("Api in group", $"{group.Name}/{apiId}");
        var before = group.Apis.Select(m => m.ApiDefinitionId).Order().ToList();
        group.Apis.Remove(membership);
        group.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        group.ConcurrencyStamp = Guid.NewGuid();
        var after = group.Apis.Select(m => m.ApiDefinitionId).Order().ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, groupId.ToString(), "ApiRemoved", new { ApiIds = before }, new { ApiIds = after }), cancellationToken);
    }

    /// <summary>
    /// Deletes a group (its API memberships go with it). Refused while clients or scopes hold it, unless
    /// <paramref name="removeMemberships"/> is true: then those memberships are removed in the same audited write.
    /// </summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken, bool removeMemberships = false)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.ApiGroups.Include(g => g.Apis).FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var usage = await UsageAsync(db, id, cancellationToken);
        if (usage.Count > 0 && !removeMemberships)
        {
            throw new EntityConflictException(Memberships.InUseMessage("API group", group.Name, ("client", usage.Clients), ("scope", usage.Scopes)));
        }

        if (usage.Count > 0)
        {
            db.ClientGroups.RemoveRange(await db.ClientGroups.Where(m => m.ApiGroupId == id).ToListAsync(cancellationToken));
            db.ApiScopeGroups.RemoveRange(await db.ApiScopeGroups.Where(m => m.ApiGroupId == id).ToListAsync(cancellationToken));
        }

        var before = new { Group = ApiGroupInput.From(group), ApiIds = group.Apis.Select(m => m.ApiDefinitionId).Order().ToList(), RemovedFromClients = usage.Clients, RemovedFromScopes = usage.Scopes };
        db.ApiGroups.Remove(group);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    private static IQueryable<ApiGroup> Search(IQueryable<ApiGroup> query, string? q)
    {
        if (q is null)
        {
            return query;
        }

        var pattern = "%" + q + "%";
        return query.Where(g => EF.Functions.Like(g.Name, pattern) || (g.Alias != null && EF.Functions.Like(g.Alias, pattern))
            || (g.Description != null && EF.Functions.Like(g.Description, pattern)));
    }

    private static async Task<ApiGroupUsage> UsageAsync(GatewayDbContext db, int id, CancellationToken cancellationToken)
    {
        var clients = await db.ClientGroups.AsNoTracking().Where(m => m.ApiGroupId == id).Select(m => m.Client!.ClientId).OrderBy(c => c).ToListAsync(cancellationToken);
        var scopes = await db.ApiScopeGroups.AsNoTracking().Where(m => m.ApiGroupId == id).Select(m => m.ApiScope!.Name).OrderBy(s => s).ToListAsync(cancellationToken);
        return new ApiGroupUsage(clients, scopes);
    }

    private static void Apply(ApiGroup group, ApiGroupInput input, DateTime now)
    {
        group.Name = input.Name;
        group.Alias = input.Alias;
        group.Description = input.Description;
        group.SecurityLevelId = input.SecurityLevelId!.Value;
        group.AllowedDays = input.AllowedDays;
        group.AllowedStartTime = input.AllowedStartTime;
        group.AllowedEndTime = input.AllowedEndTime;
        group.TimeZoneId = input.TimeZoneId;
        group.UpdatedAt = now;
    }

    /// <summary>Checks every field that needs no database (all errors at once) and returns the normalized input.</summary>
    internal static ApiGroupInput Validate(ApiGroupInput input, ValidationErrors errors)
    {
        var name = errors.RequiredText("name", "Name", input.Name, 100, "Name may hold up to 100 letters, digits, '.', '_' or '-'.", NamePattern());

        var alias = string.IsNullOrWhiteSpace(input.Alias) ? null : input.Alias.Trim();
        if (alias is { Length: > 100 })
        {
            errors.Add("alias", "Alias must be at most 100 characters.");
        }

        if (input.Description is { Length: > 1000 })
        {
            errors.Add("description", "Description must be at most 1000 characters.");
        }

        if (input.AllowedDays == AllowedDays.None)
        {
            errors.Add("allowedDays", "Choose at least one allowed day.");
        }
        else if ((input.AllowedDays & ~AllowedDays.All) != 0)
        {
            errors.Add("allowedDays", "Allowed days hold an unknown day.");
        }

        if (input.AllowedStartTime is null && input.AllowedEndTime is not null)
        {
            errors.Add("allowedStartTime", "Give both the start and the end of the time window, or neither.");
        }
        else if (input.AllowedStartTime is not null && input.AllowedEndTime is null)
        {
            errors.Add("allowedEndTime", "Give both the start and the end of the time window, or neither.");
        }
        else if (input.AllowedStartTime is { } start && input.AllowedEndTime is { } end && start == end)
        {
            errors.Add("allowedEndTime", "The window's end must differ from its start (a window may cross midnight, e.g. 22:00–06:00).");
        }

        var zone = input.TimeZoneId?.Trim() ?? "";
        if (zone.Length == 0)
        {
            errors.Add("timeZoneId", "Time zone is required.");
        }
        else if (zone.Length > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("timeZoneId", $"'{zone}' is not a known time zone id (e.g. UTC, Europe/Paris, Asia/Taipei).");
        }

        if (input.SecurityLevelId is <= 0)
        {
            errors.Add("securityLevelId", "Choose a security level.");
        }

        return input with { Name = name, Alias = alias, TimeZoneId = zone, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim() };
    }

    private static async Task<ApiGroupInput> ValidateAsync(GatewayDbContext db, ApiGroupInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        if (normalized.Name.Length > 0 && await db.ApiGroups.AnyAsync(g => g.Name == normalized.Name && g.Id != id, cancellationToken))
        {
            errors.Add("name", $"An API group named '{normalized.Name}' already exists.");
        }

        SecurityLevel? level = null;
        if (normalized.SecurityLevelId is null)
        {
            level = await SecurityLevelService.DefaultLevelAsync(db, cancellationToken);
            normalized = normalized with { SecurityLevelId = level.Id };
        }
        else if (normalized.SecurityLevelId > 0)
        {
            level = await db.SecurityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == normalized.SecurityLevelId, cancellationToken);
            if (level is null)
            {
                errors.Add("securityLevelId", "The selected security level does not exist.");
            }
        }

        if (id is { } groupId && level is not null)
        {
            // A client of rank r may only hold groups of rank >= r (directly or through a scope): clients above the new
            // level's rank number would break.
            var blocked = await db.ApiClients.AsNoTracking()
                .Where(c => c.SecurityLevel!.Rank > level.Rank
                    && (c.Groups.Any(m => m.ApiGroupId == groupId)
                        || c.Scopes.Any(m => db.ApiScopeGroups.Any(sg => sg.ApiScopeId == m.ApiScopeId && sg.ApiGroupId == groupId))))
                .Select(c => c.ClientId).OrderBy(c => c).ToListAsync(cancellationToken);
            if (blocked.Count > 0)
            {
                errors.Add("securityLevelId", $"Level {level.Code} is above the level of {blocked.Count} client(s) holding this group: {string.Join(", ", blocked)}. Remove the group from them or raise their level first.");
            }
        }

        errors.ThrowIfAny();
        return normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
