using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Clients;

/// <summary>All reads and the create/update/delete writes of API clients, with validation; shared by the console and the admin API.</summary>
public sealed partial class ApiClientService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    ClientPasswordHasher passwordHasher,
    TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "ApiClient";

    /// <summary>Most IP binding rows per client.</summary>
    public const int MaxIpBindings = 50;

    /// <summary>Most addresses in <see cref="ApiClient.Emails"/>.</summary>
    public const int MaxEmails = 20;

    /// <summary>
    /// Searches by client id, client name, display name or the name of a group the client holds; <paramref name="status"/>
    /// null = all. Items carry their level, groups and scopes (not their IP bindings).
    /// </summary>
    public async Task<PagedResult<ApiClient>> ListAsync(PageRequest request, ClientStatus? status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ApiClients.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(c => EF.Functions.Like(c.ClientId, pattern)
                || EF.Functions.Like(c.ClientName, pattern)
                || EF.Functions.Like(c.DisplayName, pattern)
                || c.Groups.Any(g => EF.Functions.Like(g.ApiGroup!.Name, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.ClientId).Skip(page.Skip).Take(page.PageSize).AsSplitQuery()
            .Include(c => c.SecurityLevel)
            .Include(c => c.Groups).ThenInclude(g => g.ApiGroup).ThenInclude(g => g!.SecurityLevel)
            .Include(c => c.Scopes).ThenInclude(s => s.ApiScope)
            .ToListAsync(cancellationToken);
        return new PagedResult<ApiClient>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One client with its level, IP bindings, groups (with levels) and scopes; or null.</summary>
    public async Task<ApiClient?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Details(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>Like <see cref="FindAsync(int, CancellationToken)"/>, addressed by the Client ID string (any case).</summary>
    public async Task<ApiClient?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = clientId.Trim();
        return await Details(db).FirstOrDefaultAsync(c => c.ClientId == key, cancellationToken);
    }

    /// <summary>Validates and creates a client at the chosen (or default) security level, hashing its password.</summary>
    public async Task<ApiClient> CreateAsync(ApiClientInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        ValidateNewPassword(input.Password, input.ConfirmPassword, errors);
        var levelId = input.SecurityLevelId;
        if (levelId is { } chosen)
        {
            if (!await db.SecurityLevels.AnyAsync(l => l.Id == chosen, cancellationToken))
            {
                errors.Add("securityLevelId", "The security level does not exist.");
            }
        }
        else
        {
            levelId = (await SecurityLevelService.TryDefaultLevelAsync(db, cancellationToken))?.Id;
            if (levelId is null)
            {
                errors.Add("securityLevelId", "No security level exists; create one first.");
            }
        }

        await CheckUniqueAsync(db, normalized, null, errors, cancellationToken);
        errors.ThrowIfAny();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var client = new ApiClient
        {
            ClientId = normalized.ClientId,
            ClientName = normalized.ClientName,
            DisplayName = normalized.DisplayName,
            Note = normalized.Note,
            PasswordHash = passwordHasher.Hash(input.Password!),
            SecurityLevelId = levelId!.Value,
            CreatedAt = now,
        };
        Apply(client, normalized, now);
        db.ApiClients.Add(client);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, client.Id.ToString(), "Created", null, ApiClientInput.From(client)), cancellationToken);
        return client;
    }

    /// <summary>Validates and updates a client's fields (not its password, level, groups or scopes); a stale stamp is refused.</summary>
    public async Task<ApiClient> UpdateAsync(int id, ApiClientInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.Include(c => c.IpBindings).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, id.ToString());
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, client.ConcurrencyStamp, "client");

        var before = ApiClientInput.From(client);
        var errors = new ValidationErrors();
        var normalized = Validate(input, errors);
        await CheckUniqueAsync(db, normalized, id, errors, cancellationToken);
        errors.ThrowIfAny();
        client.ClientId = normalized.ClientId;
        client.ClientName = normalized.ClientName;
        client.DisplayName = normalized.DisplayName;
        client.Note = normalized.Note;
        db.ClientIpBindings.RemoveRange(client.IpBindings);
        client.IpBindings.Clear();
        Apply(client, normalized, timeProvider.GetUtcNow().UtcDateTime);
        client.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Updated", before, ApiClientInput.From(client)), cancellationToken);
        return client;
    }

    /// <summary>Deletes a client with its IP bindings and group/scope memberships; the audit log keeps its last image.</summary>
    public async Task DeleteAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.Include(c => c.IpBindings).Include(c => c.Groups).Include(c => c.Scopes)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityName, id.ToString());
        var before = ApiClientInput.From(client);
        db.ApiClients.Remove(client);
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, id.ToString(), "Deleted", before, null), cancellationToken);
    }

    private static IQueryable<ApiClient> Details(GatewayDbContext db) => db.ApiClients.AsNoTracking().AsSplitQuery()
        .Include(c => c.SecurityLevel)
        .Include(c => c.IpBindings)
        .Include(c => c.Groups).ThenInclude(g => g.ApiGroup).ThenInclude(g => g!.SecurityLevel)
        .Include(c => c.Scopes).ThenInclude(s => s.ApiScope);

    private static async Task CheckUniqueAsync(GatewayDbContext db, ApiClientInput input, int? id, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (input.ClientId.Length > 0 && await db.ApiClients.AnyAsync(c => c.ClientId == input.ClientId && c.Id != id, cancellationToken))
        {
            errors.Add("clientId", $"A client with Client ID '{input.ClientId}' already exists.");
        }

        if (input.ClientName.Length > 0 && await db.ApiClients.AnyAsync(c => c.ClientName == input.ClientName && c.Id != id, cancellationToken))
        {
            errors.Add("clientName", $"A client named '{input.ClientName}' already exists.");
        }
    }

    private static void Apply(ApiClient client, ApiClientInput input, DateTime now)
    {
        client.ApplicationNo = input.ApplicationNo;
        client.IpBindings.AddRange(input.IpBindings.Select(b => new ClientIpBinding { HostName = b.HostName, IpAddress = b.IpAddress }));
        client.StartDate = input.StartDate;
        client.ExpiryDate = input.ExpiryDate;
        client.ServiceStartTime = input.ServiceStartTime;
        client.ServiceEndTime = input.ServiceEndTime;
        client.TimeZoneId = input.TimeZoneId;
        client.ApiQuota = input.ApiQuota;
        client.QuotaResetPeriod = input.QuotaResetPeriod;
        client.TpsPerNode = input.TpsPerNode;
        client.Priority = input.Priority;
        client.Status = input.Status;
        client.Audience = input.Audience;
        client.Emails = input.Emails;
        client.Remark = input.Remark;
        client.UpdatedAt = now;
    }

    /// <summary>Checks a new password and its confirmation: required, equal, 1–128 characters (any characters).</summary>
    internal static void ValidateNewPassword(string? password, string? confirmPassword, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "Password is required.");
        }
        else if (password.Length > ClientPasswordHasher.MaxLength)
        {
            errors.Add("password", $"Password must be at most {ClientPasswordHasher.MaxLength} characters.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return;
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

    /// <summary>The addresses of a comma-separated list (trimmed, empty entries dropped).</summary>
    public static IReadOnlyList<string> SplitEmails(string? emails) =>
        string.IsNullOrWhiteSpace(emails) ? [] : [.. emails.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Checks every field except the password (all errors at once) and returns the normalized input.</summary>
    internal static ApiClientInput Validate(ApiClientInput input, ValidationErrors errors)
    {
        var clientId = errors.RequiredText("clientId", "Client ID", input.ClientId, 100, "Client ID may hold up to 100 letters, digits, '_', '.', '@' or '-'.", ClientIdPattern());

        var clientName = errors.RequiredText("clientName", "Client name", input.ClientName, 100, "Client name may hold up to 100 letters, digits, '_' or '-'.", ClientNamePattern());

        var applicationNo = Optional(input.ApplicationNo);
        if (applicationNo is { Length: > 100 })
        {
            errors.Add("applicationNo", "Application No. must be at most 100 characters.");
        }

        var displayName = errors.RequiredText("displayName", "Display name", input.DisplayName, 200, "Display name must be at most 200 characters.");

        var bindings = ValidateIpBindings(input.IpBindings ?? [], errors);
        if (input.StartDate is { } start && input.ExpiryDate is { } expiry && start > expiry)
        {
            errors.Add("expiryDate", "Expiry date must not be before the start date.");
        }

        if (input.ServiceStartTime.HasValue != input.ServiceEndTime.HasValue)
        {
            errors.Add(input.ServiceStartTime.HasValue ? "serviceEndTime" : "serviceStartTime", "Give both the start and the end of the service time, or neither.");
        }

        var timeZoneId = input.TimeZoneId?.Trim() ?? "";
        if (timeZoneId.Length == 0)
        {
            timeZoneId = "UTC";
        }
        else if (timeZoneId.Length > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            errors.Add("timeZoneId", $"'{timeZoneId}' is not a known time zone.");
        }

        if (input.ApiQuota < 0)
        {
            errors.Add("apiQuota", "API quota must be 0 (unlimited) or more.");
        }

        if (!Enum.IsDefined(input.QuotaResetPeriod))
        {
            errors.Add("quotaResetPeriod", "Quota reset period must be none, daily, weekly or monthly.");
        }

        if (input.TpsPerNode < 0)
        {
            errors.Add("tpsPerNode", "TPS/Node must be 0 (unlimited) or more.");
        }

        if (input.Priority is < 0 or > 9)
        {
            errors.Add("priority", "Priority must be between 0 (highest) and 9.");
        }

        var note = errors.RequiredText("note", "Note", input.Note, 1000, "Note must be at most 1000 characters.");

        if (!Enum.IsDefined(input.Status))
        {
            errors.Add("status", "Status must be enabled, disabled or locked.");
        }

        if (!Enum.IsDefined(input.Audience))
        {
            errors.Add("audience", "API audience must be internal and external, external or internal.");
        }

        var emails = ValidateEmails(input.Emails, errors);
        var remark = Optional(input.Remark);
        if (remark is { Length: > 2000 })
        {
            errors.Add("remark", "Remark must be at most 2000 characters.");
        }

        return input with
        {
            ClientId = clientId,
            ClientName = clientName,
            ApplicationNo = applicationNo,
            DisplayName = displayName,
            IpBindings = bindings,
            TimeZoneId = timeZoneId,
            Note = note,
            Emails = emails,
            Remark = remark,
        };
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<ClientIpBindingInput> ValidateIpBindings(IReadOnlyList<ClientIpBindingInput> bindings, ValidationErrors errors)
    {
        if (bindings.Count > MaxIpBindings)
        {
            errors.Add("ipBindings", $"At most {MaxIpBindings} IP bindings are allowed.");
        }

        var result = new List<ClientIpBindingInput>();
        for (var i = 0; i < bindings.Count; i++)
        {
            var host = bindings[i]?.HostName?.Trim() ?? "";
            var ip = bindings[i]?.IpAddress?.Trim() ?? "";
            if (host.Length == 0)
            {
                errors.Add($"ipBindings[{i}].hostName", "Host name is required.");
            }
            else if (host.Length > 253 || Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                errors.Add($"ipBindings[{i}].hostName", $"'{host}' is not a valid host name.");
            }

            if (ip.Length == 0)
            {
                errors.Add($"ipBindings[{i}].ipAddress", "IP address is required.");
            }
            else if (NormalizeIp(ip) is { } normalized)
            {
                ip = normalized;
            }
            else
            {
                errors.Add($"ipBindings[{i}].ipAddress", $"'{ip}' is not an IPv4 or IPv6 address or CIDR range (such as 10.0.0.0/8).");
            }

            result.Add(new ClientIpBindingInput { HostName = host, IpAddress = ip });
        }

        return result;
    }

    /// <summary>The canonical text of an IPv4/IPv6 address or CIDR range; null when it is neither.</summary>
    internal static string? NormalizeIp(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(addressPart, out var address))
        {
            return null;
        }

        // IPAddress.TryParse also reads shorthand such as "10" or "10.1"; a binding must spell four octets.
        if (address.AddressFamily == AddressFamily.InterNetwork && !Ipv4Pattern().IsMatch(addressPart))
        {
            return null;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && (!addressPart.Contains(':', StringComparison.Ordinal) || addressPart.Contains('%', StringComparison.Ordinal)))
        {
            return null;
        }

        if (slash < 0)
        {
            return address.ToString();
        }

        return IPNetwork.TryParse(value, out var network) ? network.ToString() : null;
    }

    private static string? ValidateEmails(string? emails, ValidationErrors errors)
    {
        var list = SplitEmails(emails);
        if (list.Count > MaxEmails)
        {
            errors.Add("emails", $"At most {MaxEmails} email addresses are allowed.");
        }

        foreach (var email in list)
        {
            if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal))
            {
                errors.Add("emails", $"'{email}' is not a valid email address.");
            }
        }

        var joined = string.Join(", ", list);
        if (joined.Length > 2000)
        {
            errors.Add("emails", "Emails must be at most 2000 characters.");
        }

        return list.Count == 0 ? null : joined;
    }

    [GeneratedRegex("^[A-Za-z0-9_.@-]+$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClientNamePattern();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex Ipv4Pattern();
}
