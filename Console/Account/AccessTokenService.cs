using System.Security.Cryptography;
using System.Text;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Admin.Account;

/// <summary>Personal access tokens for the admin API: created (value shown once), listed, revoked, validated.</summary>
internal sealed class AccessTokenService(IDbContextFactory<AdminDbContext> contextFactory, AuditRecorder audit, TimeProvider timeProvider)
{
    /// <summary>Every token value starts with this, so leaked tokens are easy to recognise.</summary>
    public const string TokenPrefix = "amp_";

    public const string EntityName = "AccessToken";

    /// <summary>The user's tokens, newest first (hash never included).</summary>
    public async Task<IReadOnlyList<AccessTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. rows.Select(t => new AccessTokenInfo(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, IsActive(t, now)))];
    }

    /// <summary>Creates a token; the returned value is the only time the secret exists outside the caller.</summary>
    public async Task<CreatedAccessToken> CreateAsync(string userId, string name, DateTime? expiresAt, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            errors["name"] = ["Name is required (at most 100 characters)."];
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expiresAt is { } expiry && expiry.ToUniversalTime() <= now)
        {
            errors["expiresAt"] = ["Expiry must be in the future."];
        }

        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors);
        }

        var value = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            throw new EntityNotFoundException("User", userId);
        }

        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = trimmed,
            TokenHash = Hash(value),
            Prefix = value[..10],
            CreatedAt = now,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, new AuditChange(EntityName, token.Id.ToString(), "Created", null, new { token.Name, token.Prefix, token.UserId, token.ExpiresAt }), cancellationToken);
        return new CreatedAccessToken(token.Id, token.Name, value);
    }

    /// <summary>Revokes one of the user's tokens (it stops working on the next request).</summary>
    public async Task RevokeAsync(string userId, int tokenId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, tokenId.ToString());
        if (token.RevokedAt is not null)
        {
            return;
        }

        token.RevokedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, new AuditChange(EntityName, token.Id.ToString(), "Revoked", new { token.Name, token.Prefix }, null), cancellationToken);
    }

    /// <summary>The active token's owner, or null when the value is unknown, revoked, expired or its user disabled.</summary>
    public async Task<AccessTokenOwner?> ValidateAsync(string value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value) || !value.StartsWith(TokenPrefix, StringComparison.Ordinal) || value.Length > 200)
        {
            return null;
        }

        var hash = Hash(value);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (token?.User is null || !IsActive(token, now) || token.User.IsDisabled)
        {
            return null;
        }

        // Last use is informational: record at most once a minute to keep writes off busy API clients.
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == token.UserId
                           select r.Name!).ToListAsync(cancellationToken);
        return new AccessTokenOwner(token.UserId, token.User.UserName!, token.Name, roles);
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static bool IsActive(PersonalAccessToken token, DateTime now) => token.RevokedAt is null && (token.ExpiresAt is null || token.ExpiresAt > now);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A token as listed (no secret).</summary>
internal sealed record AccessTokenInfo(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool IsActive);

/// <summary>A newly created token with its value, to show once.</summary>
internal sealed record CreatedAccessToken(int Id, string Name, string Value);

/// <summary>Who a valid token acts for.</summary>
internal sealed record AccessTokenOwner(string UserId, string UserName, string TokenName, IReadOnlyList<string> Roles);
