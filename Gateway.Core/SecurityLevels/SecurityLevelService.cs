using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.SecurityLevels;

/// <summary>All reads and writes of security levels, with validation; shared by the console and the admin API.</summary>
public sealed partial class SecurityLevelService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "SecurityLevel";

    /// <summary>Searches by code, name or description; ordered by rank (highest first).</summary>
    public async Task<PagedResult<SecurityLevel>> ListAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.SecurityLevels.AsNoTracking();
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(l => EF.Functions.Like(l.Code, pattern) || EF.Functions.Like(l.Name, pattern) || (l.Description != null && EF.Functions.Like(l.Description, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(l => l.Rank).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<SecurityLevel>(items, total, page.Page, page.PageSize);
    }

    /// <summary>Every level by rank (for pickers).</summary>
    public async Task<IReadOnlyList<SecurityLevel>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityLevels.AsNoTracking().OrderBy(l => l.Rank).ToListAsync(cancellationToken);
    }

    /// <summary>One level, or null.</summary>
    public async Task<SecurityLevel?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    /// <summary>The default level (new groups and clients get it).</summary>
    public async Task<SecurityLevel> FindDefaultAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await DefaultLevelAsync(db, cancellationToken);
    }

    /// <summary>Groups and clients at the level.</summary>
    public async Task<SecurityLevelUsage> FindUsageAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await UsageAsync(db, id, cancellationToken);
    }

    /// <summary>Validates and creates a level.</summary>
    public async Task<SecurityLevel> CreateAsync(SecurityLevelInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var level = new SecurityLevel { Code = normalized.Code, Name = normalized.Name, CreatedAt = now };
        Apply(level, normalized, now);
        db.SecurityLevels.Add(level);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, level.Id.ToString(), "Created", null, SecurityLevelInput.From(level)), cancellationToken);
        return level;
    }

    /// <summary>
    /// Validates and updates a level. A system level keeps its code and rank; a level in use keeps its rank (moving it
    /// would silently change which groups its clients may hold).
    /// </summary>
    public async Task<SecurityLevel> UpdateAsync(int id, SecurityLevelInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var level = await db.SecurityLevels.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, level.ConcurrencyStamp, "security level");

        var before = SecurityLevelInput.From(level);
        var normalized = await ValidateAsync(db, input, id, cancellationToken, level);
        Apply(level, normalized, timeProvider.GetUtcNow().UtcDateTime);
        level.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, SecurityLevelInput.From(level)), cancellationToken);
        return level;
    }

    /// <summary>Makes the level the default (the previous default stops being it).</summary>
    public async Task<SecurityLevel> SetDefaultAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var level = await db.SecurityLevels.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        if (level.IsDefault)
        {
            return level;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var previous = await db.SecurityLevels.Where(l => l.IsDefault).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.IsDefault = false;
            old.UpdatedAt = now;
            old.ConcurrencyStamp = Guid.NewGuid();
        }

        level.IsDefault = true;
        level.UpdatedAt = now;
        level.ConcurrencyStamp = Guid.NewGuid();
        var previousCodes = previous.Select(p => p.Code).ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "DefaultSet", new { Default = previousCodes }, new { Default = level.Code }), cancellationToken);
        return level;
    }

    /// <summary>Deletes a level; system levels never, others refused while a group or client uses them or while default.</summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var level = await db.SecurityLevels.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        if (level.IsSystem)
        {
            throw new EntityConflictException($"Security level '{level.Code}' is a system level and cannot be deleted.");
        }

        if (level.IsDefault)
        {
            throw new EntityConflictException($"Security level '{level.Code}' is the default level. Make another level the default first.");
        }

        var usage = await UsageAsync(db, id, cancellationToken);
        if (usage.Count > 0)
        {
            var parts = new List<string>();
            if (usage.Groups.Count > 0)
            {
                parts.Add($"{usage.Groups.Count} group(s): {string.Join(", ", usage.Groups)}");
            }

            if (usage.Clients.Count > 0)
            {
                parts.Add($"{usage.Clients.Count} client(s): {string.Join(", ", usage.Clients)}");
            }

            throw new EntityConflictException($"Security level '{level.Code}' is used by {string.Join(" and ", parts)}. Move them to another level first.");
        }

        var before = SecurityLevelInput.From(level);
        db.SecurityLevels.Remove(level);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    /// <summary>The level marked default, else the lowest-ranked one (new groups and clients get it).</summary>
    internal static async Task<SecurityLevel> DefaultLevelAsync(GatewayDbContext db, CancellationToken cancellationToken) =>
        await TryDefaultLevelAsync(db, cancellationToken) ?? throw new InvalidOperationException("No security level exists.");

    /// <summary>Like <see cref="DefaultLevelAsync"/>, or null when no level exists at all.</summary>
    internal static async Task<SecurityLevel?> TryDefaultLevelAsync(GatewayDbContext db, CancellationToken cancellationToken) =>
        await db.SecurityLevels.AsNoTracking().Where(l => l.IsDefault).OrderBy(l => l.Rank).FirstOrDefaultAsync(cancellationToken)
        ?? await db.SecurityLevels.AsNoTracking().OrderByDescending(l => l.Rank).FirstOrDefaultAsync(cancellationToken);

    private static async Task<SecurityLevelUsage> UsageAsync(GatewayDbContext db, int id, CancellationToken cancellationToken)
    {
        var groups = await db.ApiGroups.AsNoTracking().Where(g => g.SecurityLevelId == id).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
        var clients = await db.ApiClients.AsNoTracking().Where(c => c.SecurityLevelId == id).OrderBy(c => c.ClientId).Select(c => c.ClientId).ToListAsync(cancellationToken);
        return new SecurityLevelUsage(groups, clients);
    }

    private static void Apply(SecurityLevel level, SecurityLevelInput input, DateTime now)
    {
        level.Code = input.Code;
        level.Name = input.Name;
        level.Rank = input.Rank;
        level.Description = input.Description;
        level.UpdatedAt = now;
    }

    /// <summary>Checks every field that needs no database (all errors at once) and returns the normalized input.</summary>
    internal static SecurityLevelInput Validate(SecurityLevelInput input, ValidationErrors errors)
    {
        var code = errors.RequiredText("code", "Code", input.Code, 20, "Code may hold up to 20 letters, digits, '_' or '-'.", CodePattern());

        var name = errors.RequiredText("name", "Name", input.Name, 100, "Name must be at most 100 characters.");

        if (input.Rank < 1)
        {
            errors.Add("rank", "Rank must be a whole number of 1 or more (1 is the highest level).");
        }

        if (input.Description is { Length: > 500 })
        {
            errors.Add("description", "Description must be at most 500 characters.");
        }

        return input with { Code = code, Name = name, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim() };
    }

    private static async Task<SecurityLevelInput> ValidateAsync(GatewayDbContext db, SecurityLevelInput input, int? id, CancellationToken cancellationToken, SecurityLevel? existing = null)
    {
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        if (existing is { IsSystem: true })
        {
            if (!string.Equals(existing.Code, normalized.Code, StringComparison.Ordinal))
            {
                errors.Add("code", $"The code of system level '{existing.Code}' cannot change.");
            }

            if (existing.Rank != normalized.Rank)
            {
                errors.Add("rank", $"The rank of system level '{existing.Code}' cannot change.");
            }
        }
        else if (existing is not null && existing.Rank != normalized.Rank && normalized.Rank >= 1)
        {
            var usage = await UsageAsync(db, existing.Id, cancellationToken);
            if (usage.Count > 0)
            {
                errors.Add("rank", $"The rank cannot change while {usage.Count} group(s) or client(s) use this level.");
            }
        }

        if (normalized.Code.Length > 0 && await db.SecurityLevels.AnyAsync(l => l.Code == normalized.Code && l.Id != id, cancellationToken))
        {
            errors.Add("code", $"A security level with code '{normalized.Code}' already exists.");
        }

        if (normalized.Rank >= 1 && await db.SecurityLevels.AnyAsync(l => l.Rank == normalized.Rank && l.Id != id, cancellationToken))
        {
            errors.Add("rank", $"Another security level already has rank {normalized.Rank}.");
        }

        errors.ThrowIfAny();
        return normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}
