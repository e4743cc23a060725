using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Backends;

/// <summary>All reads and writes of backends, with validation; shared by the console and the admin API.</summary>
public sealed partial class BackendService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "Backend";

    /// <summary>Searches by name, host or description.</summary>
    public async Task<PagedResult<Backend>> ListAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Backends.AsNoTracking();
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(b => EF.Functions.Like(b.Name, pattern) || EF.Functions.Like(b.Host, pattern) || (b.Description != null && EF.Functions.Like(b.Description, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(b => b.Name).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<Backend>(items, total, page.Page, page.PageSize);
    }

    /// <summary>Every backend, by name (for pickers).</summary>
    public async Task<IReadOnlyList<Backend>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Backends.AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken);
    }

    /// <summary>One backend, or null.</summary>
    public async Task<Backend?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Backends.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
    }

    /// <summary>Names of the APIs that use the backend (what blocks its deletion).</summary>
    public async Task<IReadOnlyList<string>> FindDependentsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await DependentApis(db, id, cancellationToken);
    }

    /// <summary>Validates and creates a backend.</summary>
    public async Task<Backend> CreateAsync(BackendInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var backend = new Backend { Name = normalized.Name, Host = normalized.Host, CreatedAt = now };
        Apply(backend, normalized, now);
        db.Backends.Add(backend);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, backend.Id.ToString(), "Created", null, BackendInput.From(backend)), cancellationToken);
        return backend;
    }

    /// <summary>Validates and updates a backend; a stale <see cref="BackendInput.ConcurrencyStamp"/> is refused.</summary>
    public async Task<Backend> UpdateAsync(int id, BackendInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var backend = await db.Backends.FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, backend.ConcurrencyStamp, "backend");

        var before = BackendInput.From(backend);
        var normalized = await ValidateAsync(db, input, id, cancellationToken);
        Apply(backend, normalized, timeProvider.GetUtcNow().UtcDateTime);
        backend.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, BackendInput.From(backend)), cancellationToken);
        return backend;
    }

    /// <summary>Deletes a backend; refused while an API uses it.</summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var backend = await db.Backends.FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var dependents = await DependentApis(db, id, cancellationToken);
        if (dependents.Count > 0)
        {
            throw new EntityConflictException($"Backend '{backend.Name}' is used by {dependents.Count} API(s): {string.Join(", ", dependents)}. Move or delete them first.");
        }

        var before = BackendInput.From(backend);
        db.Backends.Remove(backend);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> DependentApis(GatewayDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Apis.AsNoTracking().Where(a => a.BackendId == id).OrderBy(a => a.Name).Select(a => a.Name + " " + a.Version).ToListAsync(cancellationToken);

    private static void Apply(Backend backend, BackendInput input, DateTime now)
    {
        backend.Name = input.Name;
        backend.Protocol = input.Protocol;
        backend.Host = input.Host;
        backend.Port = input.Port;
        backend.BasePath = input.BasePath ?? "";
        backend.Retries = input.Retries;
        backend.ConnectTimeoutMs = input.ConnectTimeoutMs;
        backend.ReadTimeoutMs = input.ReadTimeoutMs;
        backend.WriteTimeoutMs = input.WriteTimeoutMs;
        backend.Description = input.Description;
        backend.UpdatedAt = now;
    }

    /// <summary>Checks every field (all errors at once) and returns the normalized input.</summary>
    internal static BackendInput Validate(BackendInput input, ValidationErrors errors)
    {
        var name = errors.RequiredText("name", "Name", input.Name, 100, "Name may hold up to 100 letters, digits, '.', '_' or '-'.", NamePattern());

        if (!Enum.IsDefined(input.Protocol))
        {
            errors.Add("protocol", "Protocol must be http or https.");
        }

        var host = input.Host?.Trim() ?? "";
        if (host.Length == 0)
        {
            errors.Add("host", "Host is required.");
        }
        else if (host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add("host", "Host must be a valid host name or IP address.");
        }

        if (input.Port is < 1 or > 65535)
        {
            errors.Add("port", "Port must be between 1 and 65535.");
        }

        var basePath = input.BasePath?.Trim() ?? "";
        if (basePath.Length > 0)
        {
            if (basePath[0] != '/' || basePath.Contains("//", StringComparison.Ordinal) || basePath.IndexOfAny(['?', '#', ' ', '{', '}']) >= 0 || basePath.Length > 500)
            {
                errors.Add("basePath", "Base path must start with '/' and hold no empty segments, spaces, '?', '#' or braces.");
            }

            basePath = basePath.TrimEnd('/');
        }

        if (input.Retries is < 0 or > 32767)
        {
            errors.Add("retries", "Retries must be between 0 and 32767.");
        }

        CheckTimeout(errors, "connectTimeoutMs", "Connect timeout", input.ConnectTimeoutMs);
        CheckTimeout(errors, "readTimeoutMs", "Read timeout", input.ReadTimeoutMs);
        CheckTimeout(errors, "writeTimeoutMs", "Write timeout", input.WriteTimeoutMs);
        if (input.Description is { Length: > 1000 })
        {
            errors.Add("description", "Description must be at most 1000 characters.");
        }

        return input with { Name = name, Host = host, BasePath = basePath, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim() };
    }

    private static void CheckTimeout(ValidationErrors errors, string field, string label, int value)
    {
        if (value is < 1 or > int.MaxValue - 1)
        {
            errors.Add(field, $"{label} must be between 1 and {int.MaxValue - 1} ms.");
        }
    }

    private static async Task<BackendInput> ValidateAsync(GatewayDbContext db, BackendInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        if (normalized.Name.Length > 0 && await db.Backends.AnyAsync(b => b.Name == normalized.Name && b.Id != id, cancellationToken))
        {
            errors.Add("name", $"A backend named '{normalized.Name}' already exists.");
        }

        errors.ThrowIfAny();
        return normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
