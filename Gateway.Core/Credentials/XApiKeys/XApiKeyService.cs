using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>
/// A client's X-Api-Keys: list, create (the key is returned once and mailed to the client's addresses through the
/// outbox), revoke and delete. Only the key's SHA-256 and mask are stored; audit rows carry the mask, never the key.
/// Every write goes through <see cref="ConfigChangeWriter"/>, so the gateway serves the change with its next snapshot.
/// </summary>
public sealed class XApiKeyService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    MailOutboxService mailOutbox,
    TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows.</summary>
    public const string EntityName = "XApiKey";

    /// <summary>Most keys one client may hold (revoked and expired ones included, until deleted).</summary>
    public const int MaxKeysPerClient = 100;

    /// <summary>Most groups one key may carry.</summary>
    public const int MaxGroups = 200;

    /// <summary>The client's keys, newest first.</summary>
    public async Task<IReadOnlyList<XApiKeySummary>> ListAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ClientLookup.EnsureExistsAsync(db, clientId, cancellationToken);
        var keys = await db.ClientXApiKeys.AsNoTracking()
            .Where(k => k.ApiClientId == clientId)
            .Include(k => k.Groups).ThenInclude(g => g.ApiGroup)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Select(k => Summarize(k, now))];
    }

    /// <summary>One key of the client, or null.</summary>
    public async Task<XApiKeySummary?> FindAsync(int clientId, int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ClientXApiKeys.AsNoTracking()
            .Include(k => k.Groups).ThenInclude(g => g.ApiGroup)
            .AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == id && k.ApiClientId == clientId, cancellationToken);
        return key is null ? null : Summarize(key, timeProvider.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The groups a key of the client may carry: those the client holds directly or through its scopes, at or below
    /// the client's security level (a group above it grants nothing at the gateway).
    /// </summary>
    public async Task<IReadOnlyList<XApiKeyGroupRef>> ListGroupChoicesAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rank = await ClientLookup.RankAsync(db, clientId, cancellationToken);
        return await GroupChoicesAsync(db, clientId, rank, cancellationToken);
    }

    /// <summary>
    /// Creates a key: alias required (≤ 100 characters, unique per client), expiry date required and not before the
    /// effective date nor in the past, at least one group, each one the client may have
    /// (<see cref="ListGroupChoicesAsync"/>). Returns the key once; queues one mail with it to the client's addresses
    /// (none when the client has no address, which the result says).
    /// </summary>
    public async Task<XApiKeyCreated> CreateAsync(int clientId, XApiKeyInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking().Include(c => c.SecurityLevel), clientId, cancellationToken);
        var zone = XApiKeyDates.Zone(client.TimeZoneId);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();

        var alias = errors.RequiredText("alias", "Alias", input.Alias, ClientXApiKey.MaxAliasLength, $"Alias may hold up to {ClientXApiKey.MaxAliasLength} characters.");
        if (alias.Length > 0 && alias.Length <= ClientXApiKey.MaxAliasLength)
        {
            // The column's NOCASE collation compares aliases case-insensitively.
            if (await db.ClientXApiKeys.AnyAsync(k => k.ApiClientId == clientId && k.Alias == alias, cancellationToken))
            {
                errors.Add("alias", $"The client already has an X-Api-Key named '{alias}'.");
            }
        }

        DateTime? effectiveAt = input.EffectiveDate is { } effectiveDate ? XApiKeyDates.StartOfDay(effectiveDate, zone) : null;
        DateTime? expiresAt = null;
        if (input.ExpiryDate is not { } expiryDate)
        {
            errors.Add("expiryDate", "Expiry date is required.");
        }
        else
        {
            expiresAt = XApiKeyDates.EndOfDay(expiryDate, zone);
            if (expiresAt <= now)
            {
                errors.Add("expiryDate", $"Expiry date must be today or later (today is {XApiKeyDates.LocalDate(now, zone):yyyy-MM-dd} in the client's time zone {zone.Id}).");
            }
            else if (input.EffectiveDate is { } from && expiryDate < from)
            {
                errors.Add("expiryDate", "Expiry date must not be before the effective date.");
            }
        }

        var groups = await ValidateGroupsAsync(db, client, input.GroupIds, errors, cancellationToken);
        if (await db.ClientXApiKeys.CountAsync(k => k.ApiClientId == clientId, cancellationToken) >= MaxKeysPerClient)
        {
            errors.Add("alias", $"The client already has {MaxKeysPerClient} X-Api-Keys; delete one first.");
        }

        errors.ThrowIfAny();

        var key = CredentialSecrets.NewKey();
        var entity = new ClientXApiKey
        {
            ApiClientId = clientId,
            Alias = alias,
            KeyHash = CredentialSecrets.Hash(key),
            Mask = CredentialSecrets.Mask(key),
            EffectiveAt = effectiveAt,
            ExpiresAt = expiresAt!.Value,
            Status = XApiKeyStatus.Active,
            CreatedAt = now,
            CreatedBy = actor.Name,
            Groups = [.. groups.Select(g => new ClientXApiKeyGroup { ApiGroupId = g.Id })],
        };
        db.ClientXApiKeys.Add(entity);
        var emails = ApiClientService.SplitEmails(client.Emails);
        try
        {
            await writer.CommitAsync(
                db,
                actor,
                () => Change(entity, "Created", null, new
                {
                    Client = client.ClientId,
                    entity.Alias,
                    entity.Mask,
                    entity.EffectiveAt,
                    entity.ExpiresAt,
                    Groups = groups.Select(g => g.Name).ToList(),
                    MailedTo = emails,
                }),
                cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent create may have taken the alias between the check and the insert (the unique index refused it).
            if (await AliasTakenAsync(clientId, alias, cancellationToken))
            {
                var duplicate = new ValidationErrors();
                duplicate.Add("alias", $"The client already has an X-Api-Key named '{alias}'.");
                duplicate.ThrowIfAny();
            }

            throw;
        }

        var summary = Summarize(entity, groups, now);
        if (emails.Count == 0)
        {
            return new XApiKeyCreated(key, summary, [], null, $"Client '{client.ClientId}' has no email address: no mail was sent. Hand the key over yourself.");
        }

        try
        {
            var mail = await mailOutbox.EnqueueAsync(string.Join(",", emails), $"Your X-Api-Key '{alias}'", MailBody(client, alias, key, summary, zone), isHtml: false, cancellationToken);
            return new XApiKeyCreated(key, summary, emails, mail.Id, null);
        }
        catch (ServiceValidationException ex)
        {
            return new XApiKeyCreated(key, summary, [], null, "The mail could not be queued: " + string.Join(" ", ex.Errors.Values.SelectMany(m => m)));
        }
    }

    /// <summary>Revokes a key: it stops working with the gateway's next snapshot. Revoking a revoked key is refused (409).</summary>
    public async Task<XApiKeySummary> RevokeAsync(int clientId, int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadAsync(db, clientId, id, cancellationToken);
        if (key.Status == XApiKeyStatus.Revoked)
        {
            throw new EntityConflictException($"X-Api-Key '{key.Alias}' is already revoked.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var before = key.Status;
        key.Status = XApiKeyStatus.Revoked;
        key.RevokedAt = now;
        await writer.CommitAsync(db, actor, () => Change(key, "Revoked", new { key.Alias, key.Mask, Status = before }, new { key.Alias, key.Mask, key.Status }), cancellationToken);
        return Summarize(key, now);
    }

    /// <summary>Deletes a key (revoked or not): it stops working with the gateway's next snapshot.</summary>
    public async Task DeleteAsync(int clientId, int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadAsync(db, clientId, id, cancellationToken);
        var before = new { key.Alias, key.Mask, key.Status, key.EffectiveAt, key.ExpiresAt, Groups = key.Groups.Select(g => g.ApiGroup!.Name).ToList() };
        db.ClientXApiKeys.Remove(key);
        await writer.CommitAsync(db, actor, () => Change(key, "Deleted", before, null), cancellationToken);
    }

    /// <summary>The state of a key at <paramref name="now"/>.</summary>
    internal static XApiKeyState StateAt(XApiKeyStatus status, DateTime? effectiveAt, DateTime expiresAt, DateTime now) => status switch
    {
        XApiKeyStatus.Revoked => XApiKeyState.Revoked,
        XApiKeyStatus.Expired => XApiKeyState.Expired,
        _ when now >= expiresAt => XApiKeyState.Expired,
        _ when effectiveAt is { } from && now < from => XApiKeyState.NotYetEffective,
        _ => XApiKeyState.Active,
    };

    private async Task<List<XApiKeyGroupRef>> ValidateGroupsAsync(GatewayDbContext db, ApiClient client, IReadOnlyList<int>? groupIds, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var wanted = (groupIds ?? []).Distinct().ToList();
        if (wanted.Count == 0)
        {
            errors.Add("groupIds", "Choose at least one authority group.");
            return [];
        }

        if (wanted.Count > MaxGroups)
        {
            errors.Add("groupIds", $"A key may carry at most {MaxGroups} groups.");
            return [];
        }

        var choices = await GroupChoicesAsync(db, client.Id, client.SecurityLevel?.Rank ?? 0, cancellationToken);
        var existing = await db.ApiGroups.AsNoTracking().Where(g => wanted.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        var result = new List<XApiKeyGroupRef>(wanted.Count);
        foreach (var id in wanted)
        {
            if (choices.FirstOrDefault(c => c.Id == id) is { } choice)
            {
                result.Add(choice);
            }
            else if (existing.FirstOrDefault(g => g.Id == id) is { } group)
            {
                errors.Add("groupIds", $"Group '{group.Name}' (id {id}) is not held by client '{client.ClientId}', directly or through its scopes, at or below its security level.");
            }
            else
            {
                errors.Add("groupIds", $"Group {id} does not exist.");
            }
        }

        return result;
    }

    private static async Task<List<XApiKeyGroupRef>> GroupChoicesAsync(GatewayDbContext db, int clientId, int rank, CancellationToken cancellationToken)
    {
        var direct = db.ClientGroups.Where(m => m.ApiClientId == clientId).Select(m => m.ApiGroupId);
        var viaScopes = from m in db.ClientScopes
                        join g in db.ApiScopeGroups on m.ApiScopeId equals g.ApiScopeId
                        where m.ApiClientId == clientId
                        select g.ApiGroupId;
        return await db.ApiGroups.AsNoTracking()
            .Where(g => (direct.Contains(g.Id) || viaScopes.Contains(g.Id)) && g.SecurityLevel!.Rank >= rank)
            .OrderBy(g => g.Name)
            .Select(g => new XApiKeyGroupRef(g.Id, g.Name, g.Alias))
            .ToListAsync(cancellationToken);
    }

    private static string MailBody(ApiClient client, string alias, string key, XApiKeySummary summary, TimeZoneInfo zone)
    {
        static string At(DateTime utc, TimeZoneInfo zone) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var effective = summary.EffectiveAt is { } from ? At(from, zone) : "at once";
        return $"Hello {client.DisplayName},\n\nan X-Api-Key was issued to API client '{client.ClientId}'.\n\n"
            + $"Alias: {alias}\n"
            + $"X-Api-Key: {key}\n"
            + $"Effective: {effective}\n"
            + $"Expires: {At(summary.ExpiresAt, zone)} (end of the day, time zone {zone.Id})\n"
            + $"Authority groups: {string.Join(", ", summary.Groups.Select(g => g.Name))}\n\n"
            + "Send it in the X-Api-Key header of your API calls. Keep it secret: it is shown only once and is not stored in readable form.";
    }

    private async Task<bool> AliasTakenAsync(int clientId, string alias, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ClientXApiKeys.AnyAsync(k => k.ApiClientId == clientId && k.Alias == alias, cancellationToken);
    }

    private static async Task<ClientXApiKey> LoadAsync(GatewayDbContext db, int clientId, int id, CancellationToken cancellationToken) =>
        await db.ClientXApiKeys.Include(k => k.Groups).ThenInclude(g => g.ApiGroup).AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == id && k.ApiClientId == clientId, cancellationToken)
            ?? throw new EntityNotFoundException("X-Api-Key", id.ToString(CultureInfo.InvariantCulture));

    private static XApiKeySummary Summarize(ClientXApiKey key, DateTime now) =>
        Summarize(key, [.. key.Groups.Where(g => g.ApiGroup is not null).Select(g => new XApiKeyGroupRef(g.ApiGroupId, g.ApiGroup!.Name, g.ApiGroup.Alias)).OrderBy(g => g.Name, StringComparer.Ordinal)], now);

    private static XApiKeySummary Summarize(ClientXApiKey key, IReadOnlyList<XApiKeyGroupRef> groups, DateTime now) =>
        new(key.Id, key.ApiClientId, key.Alias, key.Mask, key.EffectiveAt, key.ExpiresAt, key.Status, StateAt(key.Status, key.EffectiveAt, key.ExpiresAt, now),
            key.RevokedAt, key.CreatedAt, key.CreatedBy, groups);

    private static AuditChange Change(ClientXApiKey key, string action, object? before, object? after) =>
        new(EntityName, key.Id.ToString(CultureInfo.InvariantCulture), action, before, after);
}
