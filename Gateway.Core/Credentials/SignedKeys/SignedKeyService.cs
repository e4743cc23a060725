using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>
/// Issues, lists, extends, revokes and deletes signed API keys ("DGRK"). The secret key is generated here, returned
/// once (and mailed to the client's addresses through the outbox), stored only encrypted; audit rows never carry it.
/// Every write goes through <see cref="ConfigChangeWriter"/>, so the gateway sees it on its next snapshot.
/// </summary>
internal sealed class SignedKeyService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    SecretProtector protector,
    MailOutboxService mailOutbox,
    TimeProvider timeProvider)
{
    /// <summary>Entity name used in audit rows and messages.</summary>
    public const string EntityName = "SignedApiKey";

    /// <summary>Longest alias.</summary>
    public const int MaxAliasLength = 200;

    /// <summary>Most APIs one key may name.</summary>
    public const int MaxApis = 500;

    /// <summary>The client's keys, newest first, with their APIs.</summary>
    public async Task<IReadOnlyList<SignedApiKey>> ListAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ClientLookup.EnsureExistsAsync(db, clientId, cancellationToken);

        return await Query(db).Where(k => k.ApiClientId == clientId).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Every client's keys, newest first, with their client and APIs; searched by alias or client id.</summary>
    public async Task<PagedResult<SignedApiKey>> ListAllAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.SignedApiKeys.AsNoTracking();
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(k => (k.Alias != null && EF.Functions.Like(k.Alias, pattern)) || EF.Functions.Like(k.Client!.ClientId, pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(k => k.Id).Skip(page.Skip).Take(page.PageSize)
            .Include(k => k.Client).Include(k => k.Apis).ThenInclude(a => a.Api).AsSplitQuery().ToListAsync(cancellationToken);
        return new PagedResult<SignedApiKey>(items, total, page.Page, page.PageSize);
    }

    /// <summary>One key of the client, or null.</summary>
    public async Task<SignedApiKey?> FindAsync(int clientId, long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Query(db).FirstOrDefaultAsync(k => k.Id == id && k.ApiClientId == clientId, cancellationToken);
    }

    /// <summary>
    /// Issues a key: expiry in the future, quota −1 (unlimited) or at least 1, one or more existing APIs. Returns the
    /// API key and secret key this once and queues a mail with both to the client's addresses (if it has any).
    /// </summary>
    public async Task<CreatedSignedKey> CreateAsync(int clientId, SignedKeyInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        var alias = input.Alias?.Trim();
        if (alias?.Length > MaxAliasLength)
        {
            errors.Add("alias", $"Alias must be at most {MaxAliasLength} characters.");
        }

        var expiresAt = ValidateExpiry(input.ExpiresAt, now, errors);
        var quota = ValidateQuota(input.TimesQuota, errors);
        var apiIds = (input.ApiIds ?? []).Distinct().ToList();
        var apis = new List<(int Id, string Name)>();
        if (apiIds.Count == 0)
        {
            errors.Add("apiIds", "Choose at least one API.");
        }
        else if (apiIds.Count > MaxApis)
        {
            errors.Add("apiIds", $"A key may name at most {MaxApis} APIs.");
        }
        else
        {
            apis = [.. (await db.Apis.AsNoTracking().Where(a => apiIds.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Version }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.Name + " " + a.Version))];
            foreach (var missing in apiIds.Where(id => apis.All(a => a.Id != id)))
            {
                errors.Add("apiIds", $"API {missing} does not exist.");
            }
        }

        errors.ThrowIfAny();
        var apiKey = CredentialSecrets.NewKey();
        var secretKey = CredentialSecrets.NewKey();
        var key = new SignedApiKey
        {
            ApiClientId = clientId,
            Alias = string.IsNullOrEmpty(alias) ? null : alias,
            ApiKey = apiKey,
            ProtectedSecret = protector.Protect(secretKey),
            SecretMask = CredentialSecrets.Mask(secretKey),
            ExpiresAt = expiresAt,
            TimesQuota = quota,
            RemainingUses = quota,
            QuotaSetAt = now,
            CreatedAt = now,
            Apis = [.. apis.Select(a => new SignedApiKeyApi { ApiDefinitionId = a.Id })],
        };
        db.SignedApiKeys.Add(key);
        var apiNames = apis.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
        await writer.CommitAsync(db, actor, () => Change(key, "Created", null, Image(key, client.ClientId, apiNames)), cancellationToken);

        long? mailId = null;
        var emails = ApiClientService.SplitEmails(client.Emails);
        if (emails.Count > 0)
        {
            var quotaText = quota == SignedApiKey.Unlimited ? "unlimited" : quota.ToString(CultureInfo.InvariantCulture);
            var body = $"Hello {client.DisplayName},\n\na signed API key was issued to API client '{client.ClientId}'"
                + (key.Alias is null ? "" : $" ({key.Alias})") + ".\n\n"
                + $"API key: {apiKey}\nSecret key: {secretKey}\n\n"
                + $"Expires: {expiresAt:yyyy-MM-dd HH:mm} UTC\nCalls allowed: {quotaText}\nAPIs: {string.Join(", ", apiNames)}\n\n"
                + "Sign each call: Authorization: DGRK <API key>.<signature>, where signature = Base64(HMAC-SHA256(secret key, "
                + "minified JSON body + API key + secret key)). Keep the secret key secret: it is not shown again.";
            var mail = await mailOutbox.EnqueueAsync(string.Join(",", emails), "Your signed API key", body, isHtml: false, cancellationToken);
            mailId = mail.Id;
        }

        return new CreatedSignedKey(key, apiKey, secretKey, mailId);
    }

    /// <summary>Revokes the key: the gateway refuses it from its next snapshot on. Revoking a revoked key changes nothing.</summary>
    public async Task RevokeAsync(int clientId, long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadAsync(db, clientId, id, cancellationToken);
        if (key.Status == SignedKeyStatus.Revoked)
        {
            return;
        }

        var before = key.Status;
        key.Status = SignedKeyStatus.Revoked;
        key.RevokedAt = timeProvider.GetUtcNow().UtcDateTime;
        await writer.CommitAsync(db, actor, () => Change(key, "Revoked", new { Status = before }, new { key.Status, key.RevokedAt }), cancellationToken);
    }

    /// <summary>Deletes the key with its API list.</summary>
    public async Task DeleteAsync(int clientId, long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadAsync(db, clientId, id, cancellationToken);
        var client = await db.ApiClients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.ClientId).FirstAsync(cancellationToken);
        var before = Image(key, client, null);
        db.SignedApiKeys.Remove(key);
        await writer.CommitAsync(db, actor, () => Change(key, "Deleted", before, null), cancellationToken);
    }

    /// <summary>
    /// Extends a key that is not revoked: a new expiry (future) and/or a new quota (−1 or ≥ 1; the remaining uses restart
    /// at it). An expired key becomes active again.
    /// </summary>
    public async Task ExtendAsync(int clientId, long id, DateTime? expiresAt, long? timesQuota, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadAsync(db, clientId, id, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        if (expiresAt is null && timesQuota is null)
        {
            errors.Add("expiresAt", "Give a new expiry, a new quota or both.");
        }

        var newExpiry = expiresAt is null ? key.ExpiresAt : ValidateExpiry(expiresAt, now, errors);
        var newQuota = timesQuota is null ? key.TimesQuota : ValidateQuota(timesQuota, errors);
        errors.ThrowIfAny();
        if (key.Status == SignedKeyStatus.Revoked)
        {
            throw new EntityConflictException("A revoked key cannot be extended; issue a new one.");
        }

        var before = new { key.ExpiresAt, key.TimesQuota, key.RemainingUses, key.Status };
        key.ExpiresAt = newExpiry;
        if (timesQuota is not null)
        {
            key.TimesQuota = newQuota;
            key.RemainingUses = newQuota;
            key.QuotaSetAt = now;
        }

        if (key.Status == SignedKeyStatus.Expired && newExpiry > now)
        {
            key.Status = SignedKeyStatus.Active;
        }

        await writer.CommitAsync(db, actor, () => Change(key, "Extended", before, new { key.ExpiresAt, key.TimesQuota, key.RemainingUses, key.Status }), cancellationToken);
    }

    private static DateTime ValidateExpiry(DateTime? expiresAt, DateTime now, ValidationErrors errors)
    {
        if (expiresAt is not { } value)
        {
            errors.Add("expiresAt", "Expiry is required.");
            return default;
        }

        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        if (utc <= now)
        {
            errors.Add("expiresAt", "Expiry must be in the future.");
        }

        return utc;
    }

    private static long ValidateQuota(long? timesQuota, ValidationErrors errors)
    {
        var quota = timesQuota ?? SignedApiKey.Unlimited;
        if (quota != SignedApiKey.Unlimited && quota < 1)
        {
            errors.Add("timesQuota", "Quota must be -1 (unlimited) or at least 1.");
        }

        return quota;
    }

    private static IQueryable<SignedApiKey> Query(GatewayDbContext db) =>
        db.SignedApiKeys.AsNoTracking().Include(k => k.Apis).ThenInclude(a => a.Api).AsSplitQuery();

    private static async Task<SignedApiKey> LoadAsync(GatewayDbContext db, int clientId, long id, CancellationToken cancellationToken) =>
        await db.SignedApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.ApiClientId == clientId, cancellationToken)
            ?? throw new EntityNotFoundException("Signed API key", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>What the audit log keeps of a key: never the secret, the API key only masked.</summary>
    private static object Image(SignedApiKey key, string clientId, IReadOnlyList<string>? apis) => new
    {
        Client = clientId,
        key.Alias,
        Key = CredentialSecrets.Mask(key.ApiKey),
        key.ExpiresAt,
        key.TimesQuota,
        key.Status,
        Apis = apis,
    };

    private static AuditChange Change(SignedApiKey key, string action, object? before, object? after) =>
        new(EntityName, key.Id.ToString(CultureInfo.InvariantCulture), action, before, after);
}
