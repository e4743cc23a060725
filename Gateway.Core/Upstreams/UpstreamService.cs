using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Upstreams.Runtime;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Upstreams;

/// <summary>All reads and writes of upstreams and their targets, with validation; shared by the console and the admin API.</summary>
public sealed partial class UpstreamService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    AuditRecorder audit,
    UpstreamHealthRegistry health,
    TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "Upstream";

    /// <summary>Entity name of targets in audit rows and messages.</summary>
    public const string TargetEntityName = "UpstreamTarget";

    /// <summary>Searches by name.</summary>
    public async Task<PagedResult<Upstream>> ListAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Upstreams.AsNoTracking();
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(u => EF.Functions.Like(u.Name, pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(u => u.Targets).OrderBy(u => u.Name).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<Upstream>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One upstream with its targets, by id (digits) or name; null when absent.</summary>
    public async Task<Upstream?> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Lookup(db.Upstreams.AsNoTracking().Include(u => u.Targets), nameOrId, cancellationToken);
    }

    /// <summary>Validates and creates an upstream.</summary>
    public async Task<Upstream> CreateAsync(UpstreamInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = await ValidateAsync(db, input, null, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var upstream = new Upstream { Name = normalized.Name, CreatedAt = now };
        Apply(upstream, normalized, now);
        db.Upstreams.Add(upstream);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, upstream.Id.ToString(CultureInfo.InvariantCulture), "Created", null, UpstreamInput.From(upstream)), cancellationToken);
        return upstream;
    }

    /// <summary>Validates and updates an upstream; a stale <see cref="UpstreamInput.ConcurrencyStamp"/> is refused.</summary>
    public async Task<Upstream> UpdateAsync(string nameOrId, UpstreamInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var upstream = await Lookup(db.Upstreams.Include(u => u.Targets), nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, upstream.ConcurrencyStamp, "upstream");
        var before = UpstreamInput.From(upstream);
        var normalized = await ValidateAsync(db, input, upstream.Id, cancellationToken);
        Apply(upstream, normalized, timeProvider.GetUtcNow().UtcDateTime);
        upstream.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, upstream.Id.ToString(CultureInfo.InvariantCulture), "Updated", before, UpstreamInput.From(upstream)), cancellationToken);
        return upstream;
    }

    /// <summary>Deletes an upstream and its targets; refused while a backend's host names it.</summary>
    public async Task DeleteAsync(string nameOrId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var upstream = await Lookup(db.Upstreams.Include(u => u.Targets), nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        var dependents = await db.Backends.AsNoTracking().Where(b => EF.Functions.Collate(b.Host, "NOCASE") == upstream.Name).OrderBy(b => b.Name).Select(b => b.Name).ToListAsync(cancellationToken);
        if (dependents.Count > 0)
        {
            throw new EntityConflictException($"Upstream '{upstream.Name}' is the host of {dependents.Count} backend(s): {string.Join(", ", dependents)}. Change their host first.");
        }

        var before = UpstreamInput.From(upstream);
        var targets = upstream.Targets.Select(t => t.Target).ToList();
        db.Upstreams.Remove(upstream);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, upstream.Id.ToString(CultureInfo.InvariantCulture), "Deleted", before, null), cancellationToken);
        foreach (var target in targets)
        {
            health.Forget(upstream.Id, target);
        }
    }

    /// <summary>Adds a target; a target already in the upstream is refused with a conflict.</summary>
    public async Task<UpstreamTarget> AddTargetAsync(string nameOrId, UpstreamTargetInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var upstream = await Lookup(db.Upstreams.Include(u => u.Targets), nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        var errors = new ValidationErrors();
        var normalized = ValidateTarget(input, errors);
        errors.ThrowIfAny();
        if (upstream.Targets.Any(t => string.Equals(t.Target, normalized.Target, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EntityConflictException($"Upstream '{upstream.Name}' already has target '{normalized.Target}'.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var target = new UpstreamTarget { Target = normalized.Target, Weight = normalized.Weight!.Value, CreatedAt = now, UpdatedAt = now };
        upstream.Targets.Add(target);
        upstream.UpdatedAt = now;
        upstream.ConcurrencyStamp = Guid.NewGuid();
        health.Forget(upstream.Id, target.Target);
        await writer.CommitAsync(db, actor, () => new AuditChange(TargetEntityName, target.Id.ToString(CultureInfo.InvariantCulture), "Created", null, new { Upstream = upstream.Name, target.Target, target.Weight }), cancellationToken);
        return target;
    }

    /// <summary>Changes a target's weight (the address of a target is its identity and cannot change).</summary>
    public async Task<UpstreamTarget> UpdateTargetAsync(string nameOrId, string target, UpstreamTargetInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var upstream = await Lookup(db.Upstreams.Include(u => u.Targets), nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        var row = FindTarget(upstream, target);
        var errors = new ValidationErrors();
        var weight = ValidateWeight(input.Weight, errors);
        if (!string.IsNullOrWhiteSpace(input.Target))
        {
            var normalized = NormalizeTarget(input.Target, errors);
            if (normalized is not null && !string.Equals(normalized, row.Target, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("target", "A target's address cannot change; remove it and add the new one.");
            }
        }

        errors.ThrowIfAny();
        var before = new { Upstream = upstream.Name, row.Target, row.Weight };
        var now = timeProvider.GetUtcNow().UtcDateTime;
        row.Weight = weight;
        row.UpdatedAt = now;
        upstream.UpdatedAt = now;
        upstream.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(TargetEntityName, row.Id.ToString(CultureInfo.InvariantCulture), "Updated", before, new { Upstream = upstream.Name, row.Target, row.Weight }), cancellationToken);
        return row;
    }

    /// <summary>Removes a target.</summary>
    public async Task RemoveTargetAsync(string nameOrId, string target, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var upstream = await Lookup(db.Upstreams.Include(u => u.Targets), nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        var row = FindTarget(upstream, target);
        var before = new { Upstream = upstream.Name, row.Target, row.Weight };
        db.UpstreamTargets.Remove(row);
        upstream.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        upstream.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(TargetEntityName, row.Id.ToString(CultureInfo.InvariantCulture), "Deleted", before, null), cancellationToken);
        health.Forget(upstream.Id, row.Target);
    }

    /// <summary>The live state of each target of an upstream, in target order.</summary>
    public async Task<IReadOnlyList<UpstreamTargetHealth>> GetHealthAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var upstream = await FindAsync(nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        return HealthOf(upstream);
    }

    /// <summary>The live state of each target of a loaded upstream.</summary>
    public IReadOnlyList<UpstreamTargetHealth> HealthOf(Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var result = new List<UpstreamTargetHealth>(upstream.Targets.Count);
        foreach (var t in upstream.Targets.OrderBy(t => t.Target, StringComparer.OrdinalIgnoreCase))
        {
            var state = health.Get(upstream.Id, t.Target);
            var name = t.Weight == 0 ? UpstreamTargetHealth.Disabled : state.Healthy ? UpstreamTargetHealth.Healthy : UpstreamTargetHealth.Unhealthy;
            var probe = state.LastProbe;
            result.Add(new UpstreamTargetHealth(t.Id, t.Target, t.Weight, name, state.ChangedAt, state.ChangedBy, state.ChangeReason,
                new UpstreamTargetCounters(state.Successes, state.HttpFailures, state.TcpFailures, state.Timeouts), probe?.Result, probe?.At));
        }

        return result;
    }

    /// <summary>Marks a target healthy or unhealthy by hand (this node only, not persisted, as in Kong); audited.</summary>
    public async Task<UpstreamTargetHealth> SetTargetHealthAsync(string nameOrId, string target, bool healthy, Actor actor, CancellationToken cancellationToken)
    {
        var upstream = await FindAsync(nameOrId, cancellationToken) ?? throw new EntityNotFoundException(EntityName, nameOrId);
        var row = FindTarget(upstream, target);
        var before = health.Get(upstream.Id, row.Target).Healthy;
        health.Set(upstream.Id, row.Target, healthy, HealthSources.Manual, upstream.Name, "set by " + actor.Name);
        await audit.RecordAsync(actor, new AuditChange(TargetEntityName, row.Id.ToString(CultureInfo.InvariantCulture), healthy ? "MarkedHealthy" : "MarkedUnhealthy",
            new { Upstream = upstream.Name, row.Target, Healthy = before }, new { Upstream = upstream.Name, row.Target, Healthy = healthy }), cancellationToken);
        return HealthOf(upstream).First(h => h.Id == row.Id);
    }

    private static UpstreamTarget FindTarget(Upstream upstream, string target)
    {
        var errors = new ValidationErrors();
        var normalized = NormalizeTarget(target, errors) ?? target;
        return upstream.Targets.FirstOrDefault(t => string.Equals(t.Target, normalized, StringComparison.OrdinalIgnoreCase))
            ?? upstream.Targets.FirstOrDefault(t => int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && t.Id == id)
            ?? throw new EntityNotFoundException(TargetEntityName, target);
    }

    private static async Task<Upstream?> Lookup(IQueryable<Upstream> query, string nameOrId, CancellationToken cancellationToken)
    {
        var key = nameOrId?.Trim() ?? "";
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await query.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        }

        return await query.FirstOrDefaultAsync(u => u.Name == key, cancellationToken);
    }

    private static void Apply(Upstream upstream, UpstreamInput input, DateTime now)
    {
        upstream.Name = input.Name;
        upstream.Algorithm = input.Algorithm!;
        upstream.HashOn = input.HashOn!;
        upstream.HashOnHeader = input.HashOnHeader;
        upstream.HashOnCookie = input.HashOnCookie;
        upstream.HashOnCookiePath = input.HashOnCookiePath ?? "/";
        upstream.HashOnQueryArg = input.HashOnQueryArg;
        upstream.HashFallback = input.HashFallback!;
        upstream.HashFallbackHeader = input.HashFallbackHeader;
        upstream.HashFallbackQueryArg = input.HashFallbackQueryArg;
        upstream.Slots = input.Slots!.Value;
        upstream.Healthchecks = input.Healthchecks!;
        upstream.UpdatedAt = now;
    }

    private static async Task<UpstreamInput> ValidateAsync(GatewayDbContext db, UpstreamInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        errors.ThrowIfAny();
        if (await db.Upstreams.AnyAsync(u => u.Name == normalized.Name && u.Id != id, cancellationToken))
        {
            throw new EntityConflictException($"An upstream named '{normalized.Name}' already exists.");
        }

        return normalized;
    }

    /// <summary>Checks every field (all errors at once, Kong's rules) and returns the normalized input.</summary>
    internal static UpstreamInput Validate(UpstreamInput input, ValidationErrors errors)
    {
        var name = errors.RequiredText("name", "Name", input.Name, 253, "Name must be a host name: labels of letters, digits and '-', separated by '.'.", HostNamePattern()).ToLowerInvariant();
        if (name.Length > 0 && IPAddress.TryParse(name, out _))
        {
            errors.Add("name", "Name must be a host name, not an IP address or a number.");
        }

        var hashOn = Kind(errors, "hashOn", "Hash on", input.HashOn);
        var fallback = Kind(errors, "hashFallback", "Hash fallback", input.HashFallback);
        var algorithm = input.Algorithm?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(algorithm))
        {
            algorithm = hashOn is not null and not UpstreamHashKinds.None ? UpstreamAlgorithms.ConsistentHashing : UpstreamAlgorithms.RoundRobin;
        }
        else if (!UpstreamAlgorithms.All.Contains(algorithm))
        {
            errors.Add("algorithm", "Algorithm must be round-robin, least-connections or consistent-hashing.");
        }
        else if (hashOn is not null and not UpstreamHashKinds.None && algorithm != UpstreamAlgorithms.ConsistentHashing)
        {
            errors.Add("algorithm", "Hashing (hash on other than none) needs the consistent-hashing algorithm.");
        }

        string? onHeader = null, onCookie = null, onQuery = null, fallbackHeader = null, fallbackQuery = null;
        var cookiePath = "/";
        switch (hashOn)
        {
            case UpstreamHashKinds.Header:
                onHeader = HeaderName(errors, "hashOnHeader", input.HashOnHeader);
                break;
            case UpstreamHashKinds.Cookie:
                onCookie = Token(errors, "hashOnCookie", "Cookie name", input.HashOnCookie);
                cookiePath = string.IsNullOrWhiteSpace(input.HashOnCookiePath) ? "/" : input.HashOnCookiePath.Trim();
                if (cookiePath[0] != '/' || cookiePath.Length > 500 || cookiePath.Any(c => c is ';' or ',' or ' ' || char.IsControl(c)))
                {
                    errors.Add("hashOnCookiePath", "Cookie path must start with '/' and hold no spaces, ';' or ','.");
                }

                break;
            case UpstreamHashKinds.QueryArg:
                onQuery = QueryArg(errors, "hashOnQueryArg", input.HashOnQueryArg);
                break;
        }

        if (fallback is not null && fallback != UpstreamHashKinds.None)
        {
            if (hashOn is UpstreamHashKinds.None or UpstreamHashKinds.Cookie)
            {
                errors.Add("hashFallback", "Hash fallback must be none when hash on is none or cookie.");
            }
            else if (fallback == UpstreamHashKinds.Cookie)
            {
                errors.Add("hashFallback", "Hash fallback cannot be cookie.");
            }
            else
            {
                switch (fallback)
                {
                    case UpstreamHashKinds.Header:
                        fallbackHeader = HeaderName(errors, "hashFallbackHeader", input.HashFallbackHeader);
                        if (hashOn == UpstreamHashKinds.Header && fallbackHeader is not null && string.Equals(fallbackHeader, onHeader, StringComparison.OrdinalIgnoreCase))
                        {
                            errors.Add("hashFallbackHeader", "The fallback header must differ from the hash on header.");
                        }

                        break;
                    case UpstreamHashKinds.QueryArg:
                        fallbackQuery = QueryArg(errors, "hashFallbackQueryArg", input.HashFallbackQueryArg);
                        if (hashOn == UpstreamHashKinds.QueryArg && fallbackQuery is not null && string.Equals(fallbackQuery, onQuery, StringComparison.Ordinal))
                        {
                            errors.Add("hashFallbackQueryArg", "The fallback query argument must differ from the hash on query argument.");
                        }

                        break;
                    default:
                        if (fallback == hashOn)
                        {
                            errors.Add("hashFallback", "Hash fallback must differ from hash on.");
                        }

                        break;
                }
            }
        }

        var slots = input.Slots ?? Upstream.DefaultSlots;
        if (slots is < Upstream.MinSlots or > Upstream.MaxSlots)
        {
            errors.Add("slots", $"Slots must be between {Upstream.MinSlots} and {Upstream.MaxSlots}.");
        }

        return input with
        {
            Name = name,
            Algorithm = algorithm,
            HashOn = hashOn ?? UpstreamHashKinds.None,
            HashOnHeader = onHeader,
            HashOnCookie = onCookie,
            HashOnCookiePath = cookiePath,
            HashOnQueryArg = onQuery,
            HashFallback = fallback ?? UpstreamHashKinds.None,
            HashFallbackHeader = fallbackHeader,
            HashFallbackQueryArg = fallbackQuery,
            Slots = slots,
            Healthchecks = UpstreamHealthchecksValidator.Validate(input.Healthchecks, errors),
        };
    }

    /// <summary>Checks a target (address and weight) and returns it normalized.</summary>
    internal static UpstreamTargetInput ValidateTarget(UpstreamTargetInput input, ValidationErrors errors)
    {
        var target = NormalizeTarget(input.Target, errors);
        var weight = ValidateWeight(input.Weight, errors);
        return new UpstreamTargetInput { Target = target ?? "", Weight = weight };
    }

    private static int ValidateWeight(int? weight, ValidationErrors errors)
    {
        var value = weight ?? UpstreamTarget.DefaultWeight;
        if (value is < 0 or > UpstreamTarget.MaxWeight)
        {
            errors.Add("weight", $"Weight must be between 0 and {UpstreamTarget.MaxWeight} (0 disables the target).");
        }

        return value;
    }

    /// <summary><c>host[:port]</c> → lower-case <c>host:port</c> (port 8000 when omitted; IPv6 in brackets), or null with an error.</summary>
    internal static string? NormalizeTarget(string? value, ValidationErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("target", "Target is required.");
            return null;
        }

        const string Invalid = "Target must be host:port, IPv4:port or [IPv6]:port (port 1–65535; 8000 when omitted).";
        string host;
        string? port = null;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                errors.Add("target", Invalid);
                return null;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    errors.Add("target", Invalid);
                    return null;
                }

                port = rest[1..];
            }

            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                errors.Add("target", Invalid);
                return null;
            }

            host = "[" + address + "]";
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                errors.Add("target", "An IPv6 target must be written in brackets, e.g. [::1]:8080.");
                return null;
            }

            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
            if (host.Length == 0 || host.Length > 253 || Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.IPv6)
            {
                errors.Add("target", Invalid);
                return null;
            }

            host = host.ToLowerInvariant();
        }

        var portNumber = UpstreamTarget.DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            errors.Add("target", Invalid);
            return null;
        }

        return host + ":" + portNumber.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Kind(ValidationErrors errors, string field, string label, string? value)
    {
        var kind = string.IsNullOrWhiteSpace(value) ? UpstreamHashKinds.None : value.Trim().ToLowerInvariant();
        if (!UpstreamHashKinds.All.Contains(kind))
        {
            errors.Add(field, label + " must be one of: " + string.Join(", ", UpstreamHashKinds.All) + ".");
            return null;
        }

        return kind;
    }

    private static string? HeaderName(ValidationErrors errors, string field, string? value) => Token(errors, field, "Header name", value);

    private static string? Token(ValidationErrors errors, string field, string label, string? value)
    {
        var invalid = label + " may hold up to 100 letters, digits and !#$%&'*+-.^_`|~.";
        var text = errors.RequiredText(field, label, value, 100, invalid);
        if (text.Length is 0 or > 100)
        {
            return null;
        }

        if (!HttpSyntax.IsToken(text))
        {
            errors.Add(field, invalid);
            return null;
        }

        return text;
    }

    private static string? QueryArg(ValidationErrors errors, string field, string? value)
    {
        var text = errors.RequiredText(field, "Query argument", value, 100, "Query argument may hold up to 100 characters without spaces, '&', '=' or '#'.", QueryArgPattern());
        return text.Length == 0 || !QueryArgPattern().IsMatch(text) ? null : text;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^[^\s&=#]+$")]
    private static partial Regex QueryArgPattern();
}
