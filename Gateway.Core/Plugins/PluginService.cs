using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Plugins;

/// <summary>
/// All reads and writes of plugin instances, with validation; shared by the console and the admin API. The type's
/// secret field is moved out of the configuration into <see cref="PluginInstance.ProtectedSecret"/> (encrypted) and is
/// never returned nor audited; configurations are stored with the type's defaults merged in.
/// </summary>
internal sealed class PluginService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    PluginRegistry registry,
    SecretProtector secrets,
    TimeProvider timeProvider) : IDisposable
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "Plugin";

    /// <summary>What a stored secret shows as; sending it back keeps the stored secret.</summary>
    public const string SecretMask = "********";

    private const int SqliteConstraintError = 19;

    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One writer at a time, so a duplicate is reported as a field error; the filtered unique indexes catch the rest (conflict).
    private readonly SemaphoreSlim _writes = new(1, 1);

    public void Dispose() => _writes.Dispose();

    /// <summary>The installed types in run order.</summary>
    public IReadOnlyList<PluginTypeInfo> ListTypes()
    {
        var types = new List<PluginTypeInfo>();
        foreach (var type in PluginTypes.All)
        {
            if (registry.TryGet(type, out var definition))
            {
                types.Add(Describe(definition));
            }
        }

        return types;
    }

    /// <summary>One installed type, or null.</summary>
    public PluginTypeInfo? FindType(string? name) =>
        PluginTypes.TryParse(name, out var type) && registry.TryGet(type, out var definition) ? Describe(definition) : null;

    /// <summary>Plugins matching <paramref name="query"/>, widest scope first, then by target and run order.</summary>
    public async Task<IReadOnlyList<PluginView>> ListAsync(PluginQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        PluginScope? scope = null;
        PluginType? type = null;
        if (!string.IsNullOrWhiteSpace(query.Scope))
        {
            if (PluginScopeNames.TryParse(query.Scope, out var s))
            {
                scope = s;
            }
            else
            {
                errors.Add("scope", "Scope must be global, backend, api or client.");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            if (PluginTypes.TryParse(query.Type, out var t))
            {
                type = t;
            }
            else
            {
                errors.Add("type", $"'{query.Type.Trim()}' is not a plugin type.");
            }
        }

        errors.ThrowIfAny();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Plugins.AsNoTracking();
        if (scope is { } scopeFilter)
        {
            rows = rows.Where(p => p.Scope == scopeFilter);
        }

        if (type is { } typeFilter)
        {
            rows = rows.Where(p => p.Type == typeFilter);
        }

        if (query.TargetId is { } targetId)
        {
            rows = scope switch
            {
                PluginScope.Backend => rows.Where(p => p.BackendId == targetId),
                PluginScope.Api => rows.Where(p => p.ApiId == targetId),
                PluginScope.Client => rows.Where(p => p.ClientId == targetId),
                PluginScope.Global => rows.Where(p => false),
                _ => rows.Where(p => p.BackendId == targetId || p.ApiId == targetId || p.ClientId == targetId),
            };
        }

        var plugins = await rows.ToListAsync(cancellationToken);
        var names = await TargetNames.LoadAsync(db, plugins, cancellationToken);
        return [.. plugins
            .Select(p => ToView(p, names.Of(p)))
            .OrderBy(v => v.Scope)
            .ThenBy(v => v.TargetName, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(v => PluginTypes.Priority(v.Type))
            .ThenBy(v => v.Id)];
    }

    /// <summary>One plugin, or null.</summary>
    public async Task<PluginView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plugin = await db.Plugins.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plugin is null)
        {
            return null;
        }

        var names = await TargetNames.LoadAsync(db, [plugin], cancellationToken);
        return ToView(plugin, names.Of(plugin));
    }

    /// <summary>Validates and creates a plugin.</summary>
    public async Task<PluginView> CreateAsync(PluginInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var valid = await ValidateAsync(db, input, null, cancellationToken);
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var plugin = new PluginInstance { CreatedAt = now };
            Apply(plugin, valid, input.Enabled, now);
            db.Plugins.Add(plugin);
            await CommitAsync(db, actor, () => new AuditChange(EntityName, plugin.Id.ToString(), "Created", null, AuditImage.From(plugin)), cancellationToken);
            return await ViewAsync(db, plugin, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Validates and replaces a plugin; a stale <see cref="PluginInput.ConcurrencyStamp"/> is refused. The type cannot change.</summary>
    public async Task<PluginView> UpdateAsync(int id, PluginInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var plugin = await db.Plugins.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
            EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, plugin.ConcurrencyStamp, "plugin");
            var before = AuditImage.From(plugin);
            var valid = await ValidateAsync(db, input, plugin, cancellationToken);
            Apply(plugin, valid, input.Enabled, timeProvider.GetUtcNow().UtcDateTime);
            plugin.ConcurrencyStamp = Guid.NewGuid();
            await CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, AuditImage.From(plugin)), cancellationToken);
            return await ViewAsync(db, plugin, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Enables or disables a plugin (a disabled one is kept; a wider-scoped plugin of its type applies instead).</summary>
    public async Task<PluginView> SetEnabledAsync(int id, bool enabled, Guid? concurrencyStamp, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plugin = await db.Plugins.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(concurrencyStamp, plugin.ConcurrencyStamp, "plugin");
        if (plugin.Enabled != enabled)
        {
            var before = AuditImage.From(plugin);
            plugin.Enabled = enabled;
            plugin.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
            plugin.ConcurrencyStamp = Guid.NewGuid();
            await CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), enabled ? "Enabled" : "Disabled", before, AuditImage.From(plugin)), cancellationToken);
        }

        return await ViewAsync(db, plugin, cancellationToken);
    }

    /// <summary>Deletes a plugin.</summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plugin = await db.Plugins.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var before = AuditImage.From(plugin);
        db.Plugins.Remove(plugin);
        await CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    private async Task CommitAsync(GatewayDbContext db, Actor actor, Func<AuditChange> change, CancellationToken cancellationToken)
    {
        try
        {
            await writer.CommitAsync(db, actor, change, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError })
        {
            throw new EntityConflictException("A plugin of this type already exists at this scope, or its target was deleted meanwhile. Reload and try again.");
        }
    }

    private async Task<PluginView> ViewAsync(GatewayDbContext db, PluginInstance plugin, CancellationToken cancellationToken)
    {
        var names = await TargetNames.LoadAsync(db, [plugin], cancellationToken);
        return ToView(plugin, names.Of(plugin));
    }

    private PluginView ToView(PluginInstance plugin, string? targetName)
    {
        var configuration = plugin.Configuration;
        if (plugin.ProtectedSecret is not null && registry.TryGet(plugin.Type, out var definition) && definition.SecretField is { } secretField)
        {
            var node = ParseObject(configuration) ?? [];
            node[secretField] = SecretMask;
            configuration = node.ToJsonString(StoredJson);
        }

        return new PluginView(plugin.Id, plugin.Type, plugin.Scope, plugin.ScopeId, targetName, plugin.Enabled, configuration,
            plugin.ProtectedSecret is not null, plugin.CreatedAt, plugin.UpdatedAt, plugin.ConcurrencyStamp);
    }

    private static PluginTypeInfo Describe(IPluginDefinition definition)
    {
        var defaults = ParseObject(definition.DefaultConfiguration) ?? [];
        if (definition.SecretField is { } secretField)
        {
            defaults.Remove(secretField);
        }

        return new PluginTypeInfo(definition.Type, PluginScopeNames.Split(definition.AllowedScopes), defaults.ToJsonString(StoredJson), definition.SecretField);
    }

    private static void Apply(PluginInstance plugin, ValidPlugin valid, bool enabled, DateTime now)
    {
        plugin.Type = valid.Type;
        plugin.Scope = valid.Scope;
        plugin.BackendId = valid.Scope == PluginScope.Backend ? valid.TargetId : null;
        plugin.ApiId = valid.Scope == PluginScope.Api ? valid.TargetId : null;
        plugin.ClientId = valid.Scope == PluginScope.Client ? valid.TargetId : null;
        plugin.Enabled = enabled;
        plugin.Configuration = valid.Configuration;
        if (valid.ProtectedSecret is { } protectedSecret)
        {
            plugin.ProtectedSecret = protectedSecret;
        }

        plugin.UpdatedAt = now;
    }

    /// <summary>
    /// Checks a plugin for a backend or API that is about to be created (the create-API wizard): every rule except the
    /// target's existence and the one-per-target check. Writes nothing; invalid input is a <see cref="ServiceValidationException"/>.
    /// </summary>
    internal async Task ValidateForPendingTargetAsync(PluginInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        _ = await ValidateAsync(db, input, null, cancellationToken, targetPending: true);
    }

    /// <summary>Checks every rule (all errors at once) and returns the normalized values.</summary>
    private async Task<ValidPlugin> ValidateAsync(GatewayDbContext db, PluginInput input, PluginInstance? existing, CancellationToken cancellationToken, bool targetPending = false)
    {
        var errors = new ValidationErrors();
        IPluginDefinition? definition = null;
        var typeName = input.Type?.Trim() ?? "";
        if (typeName.Length == 0)
        {
            errors.Add("type", "Type is required.");
        }
        else if (!PluginTypes.TryParse(typeName, out var type))
        {
            errors.Add("type", $"'{typeName}' is not a plugin type.");
        }
        else if (!registry.TryGet(type, out definition))
        {
            errors.Add("type", $"The {PluginTypes.Name(type)} plugin is not installed.");
        }
        else if (existing is not null && existing.Type != type)
        {
            errors.Add("type", "A plugin's type cannot be changed; delete it and add a plugin of the other type.");
            definition = null;
        }

        PluginScope? scope = null;
        var scopeName = input.Scope?.Trim() ?? "";
        if (scopeName.Length == 0)
        {
            errors.Add("scope", "Scope is required.");
        }
        else if (!PluginScopeNames.TryParse(scopeName, out var parsedScope))
        {
            errors.Add("scope", "Scope must be global, backend, api or client.");
        }
        else if (definition is not null && !definition.AllowedScopes.HasFlag(parsedScope))
        {
            errors.Add("scope", $"The {PluginTypes.Name(definition.Type)} plugin cannot be set at {PluginScopeNames.Name(parsedScope)} scope; it is allowed at: "
                + string.Join(", ", PluginScopeNames.Split(definition.AllowedScopes).Select(PluginScopeNames.Name)) + ".");
        }
        else
        {
            scope = parsedScope;
        }

        int? targetId = null;
        if (scope == PluginScope.Global)
        {
            if (input.TargetId is not null)
            {
                errors.Add("targetId", "A global plugin has no target; leave the target empty.");
            }
        }
        else if (scope is { } targetScope)
        {
            if (input.TargetId is not { } id)
            {
                errors.Add("targetId", $"Choose the {TargetLabel(targetScope)} the plugin applies to.");
            }
            else if (!targetPending && !await TargetExistsAsync(db, targetScope, id, cancellationToken))
            {
                errors.Add("targetId", $"{char.ToUpperInvariant(TargetLabel(targetScope)[0])}{TargetLabel(targetScope)[1..]} {id} does not exist.");
            }
            else
            {
                targetId = id;
            }
        }

        var configuration = ReadConfiguration(input.Configuration, errors);
        if (definition is null || scope is not { } validScope || configuration is null || !errors.IsEmpty)
        {
            errors.ThrowIfAny();
            throw new InvalidOperationException("Validation failed without an error.");
        }

        // Normalize: every default field, overridden by what the admin sent; the secret goes apart.
        var merged = ParseObject(definition.DefaultConfiguration) ?? [];
        string? newSecret = null;
        foreach (var (name, value) in configuration)
        {
            if (definition.SecretField is { } secretField && string.Equals(name, secretField, StringComparison.Ordinal))
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var secret))
                {
                    newSecret = string.IsNullOrEmpty(secret) || secret == SecretMask ? null : secret;
                }
                else if (value is not null)
                {
                    errors.Add("config." + secretField, $"'{secretField}' must be a text.");
                }

                continue;
            }

            merged[name] = value?.DeepClone();
        }

        if (definition.SecretField is { } field)
        {
            merged.Remove(field);
        }

        var storedSecret = existing?.ProtectedSecret is { } stored ? secrets.Unprotect(stored) : null;
        var secretForCompile = newSecret ?? storedSecret;
        using (var document = JsonDocument.Parse(merged.ToJsonString(StoredJson)))
        {
            var compilation = definition.Compile(new PluginSettings(existing?.Id ?? 0, validScope, targetId, document.RootElement.Clone(), secretForCompile));
            foreach (var (key, messages) in compilation.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(key, message);
                }
            }
        }

        if (!targetPending && await DuplicateExistsAsync(db, definition.Type, validScope, targetId, existing?.Id, cancellationToken))
        {
            errors.Add("type", $"There is already an instance of the {PluginTypes.Name(definition.Type)} plugin at this {(validScope == PluginScope.Global ? "global scope" : TargetLabel(validScope))}; edit that one instead.");
        }

        errors.ThrowIfAny();
        return new ValidPlugin(definition.Type, validScope, targetId, merged.ToJsonString(StoredJson), newSecret is null ? null : secrets.Protect(newSecret));
    }

    private static JsonObject? ReadConfiguration(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            errors.Add("config", $"The configuration is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}).");
            return null;
        }

        if (node is not JsonObject configuration)
        {
            errors.Add("config", "The configuration must be a JSON object, e.g. {\"status\": 403}.");
            return null;
        }

        return configuration;
    }

    private static JsonObject? ParseObject(string? json)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string TargetLabel(PluginScope scope) => scope switch
    {
        PluginScope.Backend => "backend",
        PluginScope.Api => "API",
        PluginScope.Client => "client",
        _ => "target",
    };

    private static async Task<bool> TargetExistsAsync(GatewayDbContext db, PluginScope scope, int id, CancellationToken cancellationToken) => scope switch
    {
        PluginScope.Backend => await db.Backends.AnyAsync(b => b.Id == id, cancellationToken),
        PluginScope.Api => await db.Apis.AnyAsync(a => a.Id == id, cancellationToken),
        PluginScope.Client => await db.ApiClients.AnyAsync(c => c.Id == id, cancellationToken),
        _ => false,
    };

    private static Task<bool> DuplicateExistsAsync(GatewayDbContext db, PluginType type, PluginScope scope, int? targetId, int? exceptId, CancellationToken cancellationToken)
    {
        var rows = db.Plugins.Where(p => p.Type == type && p.Scope == scope && p.Id != exceptId);
        rows = scope switch
        {
            PluginScope.Backend => rows.Where(p => p.BackendId == targetId),
            PluginScope.Api => rows.Where(p => p.ApiId == targetId),
            PluginScope.Client => rows.Where(p => p.ClientId == targetId),
            _ => rows,
        };
        return rows.AnyAsync(cancellationToken);
    }

    private sealed record ValidPlugin(PluginType Type, PluginScope Scope, int? TargetId, string Configuration, string? ProtectedSecret);

    /// <summary>What the audit log records of a plugin: never the secret (it is not in the stored configuration).</summary>
    private sealed record AuditImage(string Type, string Scope, int? TargetId, bool Enabled, JsonNode? Configuration)
    {
        public static AuditImage From(PluginInstance plugin) =>
            new(PluginTypes.Name(plugin.Type), PluginScopeNames.Name(plugin.Scope), plugin.ScopeId, plugin.Enabled, ParseObject(plugin.Configuration));
    }

    /// <summary>Display names of the targets of a set of plugins.</summary>
    private sealed class TargetNames
    {
        private Dictionary<int, string> _backends = [];
        private Dictionary<int, string> _apis = [];
        private Dictionary<int, string> _clients = [];

        public static async Task<TargetNames> LoadAsync(GatewayDbContext db, IReadOnlyList<PluginInstance> plugins, CancellationToken cancellationToken)
        {
            var names = new TargetNames();
            var backendIds = plugins.Where(p => p.BackendId is not null).Select(p => p.BackendId!.Value).Distinct().ToList();
            var apiIds = plugins.Where(p => p.ApiId is not null).Select(p => p.ApiId!.Value).Distinct().ToList();
            var clientIds = plugins.Where(p => p.ClientId is not null).Select(p => p.ClientId!.Value).Distinct().ToList();
            if (backendIds.Count > 0)
            {
                names._backends = await db.Backends.AsNoTracking().Where(b => backendIds.Contains(b.Id))
                    .ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
            }

            if (apiIds.Count > 0)
            {
                names._apis = await db.Apis.AsNoTracking().Where(a => apiIds.Contains(a.Id))
                    .ToDictionaryAsync(a => a.Id, a => a.Name + " " + a.Version, cancellationToken);
            }

            if (clientIds.Count > 0)
            {
                names._clients = await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
                    .ToDictionaryAsync(c => c.Id, c => c.ClientId + " (" + c.DisplayName + ")", cancellationToken);
            }

            return names;
        }

        public string? Of(PluginInstance plugin) => plugin.Scope switch
        {
            PluginScope.Backend when plugin.BackendId is { } id => _backends.GetValueOrDefault(id),
            PluginScope.Api when plugin.ApiId is { } id => _apis.GetValueOrDefault(id),
            PluginScope.Client when plugin.ClientId is { } id => _clients.GetValueOrDefault(id),
            _ => null,
        };
    }
}
