using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Apis;

/// <summary>All reads and writes of APIs, with validation; shared by the console and the admin API.</summary>
public sealed partial class ApiService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "Api";

    /// <summary>HTTP methods an API may allow.</summary>
    public static IReadOnlyList<string> KnownMethods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Most APIs one batch status change may touch.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>Searches by name, display name, path, tag or description; optional status filter.</summary>
    public Task<PagedResult<ApiDefinition>> ListAsync(PageRequest request, CancellationToken cancellationToken, ApiStatus? status = null) =>
        ListAsync(request, new ApiListFilter(status), cancellationToken);

    /// <summary>Searches by keyword (name, display name, path, tag or description) with status, tag and backend filters.</summary>
    public async Task<PagedResult<ApiDefinition>> ListAsync(PageRequest request, ApiListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Apis.AsNoTracking().Include(a => a.Backend).AsQueryable();
        if (filter.Status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            // LIKE without wildcards: an exact, case-insensitive match.
            var tag = filter.Tag.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            query = query.Where(a => a.Tags.Any(t => EF.Functions.Like(t, tag, "\\")));
        }

        if (filter.BackendId is { } backendId)
        {
            query = query.Where(a => a.BackendId == backendId);
        }

        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(a => EF.Functions.Like(a.Name, pattern) || EF.Functions.Like(a.DisplayName, pattern) || EF.Functions.Like(a.Path, pattern)
                || (a.Description != null && EF.Functions.Like(a.Description, pattern)) || a.Tags.Any(t => EF.Functions.Like(t, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(a => a.Name).ThenBy(a => a.Version).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<ApiDefinition>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One API with its backend, or null.</summary>
    public async Task<ApiDefinition?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Apis.AsNoTracking().Include(a => a.Backend).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>Validates and creates an API.</summary>
    public async Task<ApiDefinition> CreateAsync(ApiInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var api = new ApiDefinition { Name = normalized.Name, DisplayName = normalized.DisplayName, Path = normalized.Path, CreatedAt = now };
        Apply(api, normalized, now);
        db.Apis.Add(api);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, api.Id.ToString(), "Created", null, ApiInput.From(api)), cancellationToken);
        return api;
    }

    /// <summary>Validates and updates an API; a stale <see cref="ApiInput.ConcurrencyStamp"/> is refused.</summary>
    public async Task<ApiDefinition> UpdateAsync(int id, ApiInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, api.ConcurrencyStamp, "API");

        var before = ApiInput.From(api);
        var normalized = await ValidateAsync(db, input, id, cancellationToken);
        Apply(api, normalized, timeProvider.GetUtcNow().UtcDateTime);
        api.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, ApiInput.From(api)), cancellationToken);
        return api;
    }

    /// <summary>
    /// Creates (<paramref name="id"/> null) or updates an API from an OpenAPI import, stores the document text and
    /// replaces the API's operations with <paramref name="operations"/>, in one audited write.
    /// </summary>
    internal async Task<ApiDefinition> SaveImportedAsync(int? id, ApiInput input, string spec, IReadOnlyList<ApiOperation> operations, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        ApiDefinition api;
        ApiInput? before = null;
        if (id is { } existing)
        {
            api = await db.Apis.FirstOrDefaultAsync(a => a.Id == existing, cancellationToken) ?? throw new EntityNotFoundException(EntityName, existing.ToString());
            EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, api.ConcurrencyStamp, "API");
            before = ApiInput.From(api);
        }
        else
        {
            api = new ApiDefinition { Name = "", DisplayName = "", Path = "", CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
            db.Apis.Add(api);
        }

        var normalized = await ValidateAsync(db, input, id, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Apply(api, normalized, now);
        api.ConcurrencyStamp = Guid.NewGuid();
        var document = id is { } apiId ? await db.ApiOpenApiDocuments.FirstOrDefaultAsync(d => d.ApiDefinitionId == apiId, cancellationToken) : null;
        if (document is null)
        {
            db.ApiOpenApiDocuments.Add(new ApiOpenApiDocument { Api = api, Content = spec, ImportedAt = now });
        }
        else
        {
            document.Content = spec;
            document.ImportedAt = now;
        }

        if (id is { } replaced)
        {
            db.ApiOperations.RemoveRange(await db.ApiOperations.Where(o => o.ApiDefinitionId == replaced).ToListAsync(cancellationToken));
        }

        foreach (var operation in operations)
        {
            db.ApiOperations.Add(new ApiOperation { Api = api, Method = operation.Method, Path = operation.Path, OperationId = operation.OperationId, Summary = operation.Summary });
        }

        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, api.Id.ToString(), id is null ? "Imported" : "Reimported", before, ApiInput.From(api)), cancellationToken);
        return api;
    }

    /// <summary>The API's allowed operations (from its last OpenAPI import), ordered by path then method.</summary>
    public async Task<IReadOnlyList<ApiOperation>> ListOperationsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var operations = await db.ApiOperations.AsNoTracking().Where(o => o.ApiDefinitionId == id).ToListAsync(cancellationToken);
        var methodOrder = KnownMethods.ToList();
        return [.. operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => methodOrder.IndexOf(o.Method))];
    }

    /// <summary>The OpenAPI document stored by the API's last import, or null.</summary>
    public async Task<ApiOpenApiDocument?> FindOpenApiDocumentAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiOpenApiDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.ApiDefinitionId == id, cancellationToken);
    }

    /// <summary>Sets only the status (batch enable/disable, quick actions).</summary>
    public async Task SetStatusAsync(int id, ApiStatus status, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        if (!Enum.IsDefined(status))
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { ["status"] = ["Status must be Active, Inactive or Deprecated."] });
        }

        var before = ApiInput.From(api);
        api.Status = status;
        api.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        api.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "StatusChanged", before, ApiInput.From(api)), cancellationToken);
    }

    /// <summary>
    /// Sets the status of several APIs in one audited write and one config version bump. Every id must exist: one
    /// unknown id changes nothing.
    /// </summary>
    /// <returns>The number of APIs whose status changed.</returns>
    public async Task<int> SetStatusBatchAsync(IReadOnlyCollection<int> ids, ApiStatus status, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var errors = new ValidationErrors();
        if (ids.Count == 0)
        {
            errors.Add("ids", "Select at least one API.");
        }
        else if (ids.Count > MaxBatchSize)
        {
            errors.Add("ids", $"At most {MaxBatchSize} APIs at once.");
        }

        if (!Enum.IsDefined(status))
        {
            errors.Add("status", "Status must be Active, Inactive or Deprecated.");
        }

        errors.ThrowIfAny();
        var wanted = ids.Distinct().ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var apis = await db.Apis.Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken);
        var missing = wanted.Except(apis.Select(a => a.Id)).Order().ToList();
        if (missing.Count > 0)
        {
            throw new EntityNotFoundException(EntityName, string.Join(", ", missing));
        }

        var changed = apis.Where(a => a.Status != status).OrderBy(a => a.Id).ToList();
        if (changed.Count == 0)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var before = changed.Select(a => new { a.Id, a.Name, a.Version, a.Status }).ToList();
        foreach (var api in changed)
        {
            api.Status = status;
            api.UpdatedAt = now;
            api.ConcurrencyStamp = Guid.NewGuid();
        }

        var after = changed.Select(a => new { a.Id, a.Name, a.Version, a.Status }).ToList();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, "batch", "StatusChanged", before, after), cancellationToken);
        return changed.Count;
    }

    /// <summary>
    /// Deletes an API. Refused while it is in API groups (listing them), unless <paramref name="removeMemberships"/> is
    /// true: then it leaves those groups in the same audited write.
    /// </summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken, bool removeMemberships = false)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var memberships = await db.ApiGroupApis.Where(m => m.ApiDefinitionId == id).Include(m => m.ApiGroup).ToListAsync(cancellationToken);
        var groups = memberships.Select(m => m.ApiGroup!.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (groups.Count > 0 && !removeMemberships)
        {
            throw new EntityConflictException($"API '{api.Name}' {api.Version} is in {groups.Count} API group(s): {string.Join(", ", groups)}. Remove it from them first, or confirm removing these {groups.Count} membership(s).");
        }

        db.ApiGroupApis.RemoveRange(memberships);
        object before = groups.Count > 0 ? new { Api = ApiInput.From(api), RemovedFromGroups = groups } : ApiInput.From(api);
        db.Apis.Remove(api);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    private static void Apply(ApiDefinition api, ApiInput input, DateTime now)
    {
        api.Name = input.Name;
        api.Version = input.Version;
        api.DisplayName = input.DisplayName;
        api.Tags = [.. input.Tags];
        api.Path = input.Path;
        api.StripPath = input.StripPath;
        api.Methods = [.. input.Methods];
        api.BackendId = input.BackendId;
        api.Status = input.Status;
        api.IsPublic = input.IsPublic;
        api.Description = input.Description;
        api.UpdatedAt = now;
    }

    /// <summary>Checks every field that needs no database (all errors at once) and returns the normalized input.</summary>
    internal static ApiInput Validate(ApiInput input, ValidationErrors errors)
    {
        var name = errors.RequiredText("name", "Name", input.Name, 100, "Name may hold up to 100 letters, digits, '.', '_' or '-'.", NamePattern());

        var version = errors.RequiredText("version", "Version", input.Version, 30, "Version may hold up to 30 letters, digits, '.', '_' or '-'.", NamePattern());

        var displayName = errors.RequiredText("displayName", "Display name", input.DisplayName, 200, "Display name must be at most 200 characters.");

        var tags = (input.Tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Count > 20)
        {
            errors.Add("tags", "At most 20 tags.");
        }

        if (tags.Any(t => t.Length > 50 || t.Contains(',', StringComparison.Ordinal)))
        {
            errors.Add("tags", "Each tag must be at most 50 characters and hold no comma.");
        }

        var path = input.Path ?? "";
        if (!ApiPath.TryParse(path, out var parsed, out var pathError))
        {
            errors.Add("path", pathError!);
        }
        else
        {
            path = parsed!.Normalized;
        }

        var methods = new List<string>();
        foreach (var method in input.Methods ?? [])
        {
            var upper = method?.Trim().ToUpperInvariant() ?? "";
            if (!KnownMethods.Contains(upper))
            {
                errors.Add("methods", $"'{method}' is not a supported method ({string.Join(", ", KnownMethods)}).");
            }
            else if (!methods.Contains(upper))
            {
                methods.Add(upper);
            }
        }

        if (input.BackendId <= 0)
        {
            errors.Add("backendId", "Backend is required.");
        }

        if (!Enum.IsDefined(input.Status))
        {
            errors.Add("status", "Status must be Active, Inactive or Deprecated.");
        }

        if (input.Description is { Length: > 2000 })
        {
            errors.Add("description", "Description must be at most 2000 characters.");
        }

        return input with
        {
            Name = name,
            Version = version,
            DisplayName = displayName,
            Tags = tags,
            Path = path,
            Methods = methods,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        };
    }

    /// <summary>
    /// Checks a new API without writing (all errors into <paramref name="errors"/>) and returns the normalized input.
    /// With <paramref name="backendPending"/> the backend is about to be created, so its id is not checked.
    /// </summary>
    internal async Task<ApiInput> ValidateNewAsync(ApiInput input, bool backendPending, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CollectErrorsAsync(db, backendPending ? input with { BackendId = int.MaxValue } : input, null, backendPending, errors, cancellationToken);
    }

    private static async Task<ApiInput> ValidateAsync(GatewayDbContext db, ApiInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalized = await CollectErrorsAsync(db, input, id, backendPending: false, errors, cancellationToken);
        errors.ThrowIfAny();
        return normalized;
    }

    private static async Task<ApiInput> CollectErrorsAsync(GatewayDbContext db, ApiInput input, int? id, bool backendPending, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var normalized = Validate(input, errors);
        if (normalized.Name.Length > 0 && normalized.Version.Length > 0
            && await db.Apis.AnyAsync(a => a.Name == normalized.Name && a.Version == normalized.Version && a.Id != id, cancellationToken))
        {
            errors.Add("version", $"API '{normalized.Name}' already has a version '{normalized.Version}'.");
        }

        if (!backendPending && normalized.BackendId > 0 && !await db.Backends.AnyAsync(b => b.Id == normalized.BackendId, cancellationToken))
        {
            errors.Add("backendId", "The selected backend does not exist.");
        }

        if (ApiPath.TryParse(normalized.Path, out var parsed, out _))
        {
            var others = await db.Apis.AsNoTracking().Where(a => a.Id != id).Select(a => new { a.Name, a.Version, a.Path }).ToListAsync(cancellationToken);
            var clash = others.FirstOrDefault(o => ApiPath.TryParse(o.Path, out var p, out _) && p!.Shape == parsed!.Shape && p.IsTemplate == parsed.IsTemplate);
            if (clash is not null)
            {
                errors.Add("path", $"Path conflicts with API '{clash.Name}' {clash.Version} ({clash.Path}).");
            }
        }

        return normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
