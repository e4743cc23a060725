using System.Globalization;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>The token endpoint's database work: client token settings, token rows, refresh rotation and revocation.</summary>
internal sealed class OAuthTokenStore(IDbContextFactory<GatewayDbContext> contextFactory, TokenRegistry registry, ConfigChangeWriter writer, TimeProvider timeProvider)
    : IExpiredTokenCleaner
{
    /// <summary>Audit entity type of token revocations.</summary>
    public const string EntityName = "OAuthToken";

    private const int SqliteConstraintError = 19;

    private const string RotatedRefresh = "The refresh token has already been used; use the newest one.";

    /// <summary>The client's token settings and current groups/scopes (direct groups, scopes and the scopes' groups).</summary>
    public async Task<OAuthClientInfo?> LoadClientAsync(ClientEntry client, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ApiClients.AsNoTracking().Where(c => c.Id == client.Id)
            .Select(c => new { c.AllowedGrants, c.AccessTokenValidity, c.AccessTokenQuota, c.RefreshTokenValidity, c.RefreshTokenQuota })
            .FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var groups = await db.ClientGroups.AsNoTracking().Where(m => m.ApiClientId == client.Id)
            .Select(m => new { m.ApiGroupId, m.ApiGroup!.Name }).ToListAsync(cancellationToken);
        var scopes = await db.ClientScopes.AsNoTracking().Where(m => m.ApiClientId == client.Id)
            .Select(m => new { m.ApiScopeId, m.ApiScope!.Name }).ToListAsync(cancellationToken);
        var scopeIds = scopes.Select(s => s.ApiScopeId).ToList();
        var scopeGroups = await db.ApiScopeGroups.AsNoTracking().Where(g => scopeIds.Contains(g.ApiScopeId))
            .Select(g => g.ApiGroupId).ToListAsync(cancellationToken);
        var names = groups.Select(g => g.Name).Concat(scopes.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToList();
        var groupIds = groups.Select(g => g.ApiGroupId).Concat(scopeGroups).Distinct().Order().ToList();
        return new OAuthClientInfo(client, settings.AllowedGrants, settings.AccessTokenValidity, settings.AccessTokenQuota,
            settings.RefreshTokenValidity, settings.RefreshTokenQuota, names, groupIds);
    }

    /// <summary>Stores freshly issued tokens and registers them for the gateway.</summary>
    public async Task RecordAsync(OAuthToken access, OAuthToken? refresh, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.OAuthTokens.Add(access);
        if (refresh is not null)
        {
            db.OAuthTokens.Add(refresh);
        }

        await db.SaveChangesAsync(cancellationToken);
        registry.Add(TokenEntry.From(access));
        if (refresh is not null)
        {
            registry.Add(TokenEntry.From(refresh));
        }
    }

    /// <summary>
    /// Records authorization code <paramref name="codeId"/> as redeemed; false when it already was (the row's key makes
    /// concurrent redemptions of one code fail for all but one). The row lives until the code would have expired.
    /// </summary>
    public async Task<bool> RedeemCodeAsync(string codeId, OAuthClientInfo client, string subject, string? userName, DateTime expiresAt, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.OAuthTokens.AsNoTracking().AnyAsync(t => t.Jti == codeId, cancellationToken))
        {
            return false;
        }

        db.OAuthTokens.Add(new OAuthToken
        {
            Jti = codeId,
            Kind = OAuthTokenKind.AuthorizationCode,
            ApiClientId = client.Client.Id,
            Subject = subject,
            UserName = userName,
            Scope = "",
            GroupIds = "",
            FamilyId = codeId,
            IssuedAt = timeProvider.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
            Status = OAuthTokenStatus.Rotated,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError })
        {
            return false;
        }
    }

    public async Task<OAuthToken?> FindAsync(string jti, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.OAuthTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Jti == jti, cancellationToken);
    }

    /// <summary>
    /// Redeems refresh token <paramref name="jti"/>: counts one use, marks it and the access tokens issued with it
    /// rotated. Returns the redeemed row (its use count updated) or why it cannot be used.
    /// </summary>
    public async Task<(OAuthToken? Token, string? Error)> RedeemRefreshAsync(string jti, int clientDbId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.OAuthTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Jti == jti && t.Kind == OAuthTokenKind.Refresh, cancellationToken);
        if (token is null || token.ApiClientId != clientDbId)
        {
            return (null, "The refresh token is unknown.");
        }

        if (token.Status == OAuthTokenStatus.Revoked)
        {
            return (null, "The refresh token has been revoked.");
        }

        if (token.Status == OAuthTokenStatus.Rotated)
        {
            return (null, RotatedRefresh);
        }

        if (token.ExpiresAt <= now)
        {
            return (null, "The refresh token has expired.");
        }

        if (token.UseQuota > 0 && token.Uses >= token.UseQuota)
        {
            return (null, "Over Refresh Token Allow Times");
        }

        // One conditional UPDATE: of concurrent refreshes with the same token exactly one wins.
        var uses = token.Uses + 1;
        var won = await db.OAuthTokens
            .Where(t => t.Jti == jti && t.Status == OAuthTokenStatus.Active && t.Uses == token.Uses)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, OAuthTokenStatus.Rotated).SetProperty(t => t.Uses, uses), cancellationToken);
        if (won == 0)
        {
            return (null, RotatedRefresh);
        }

        var retired = await db.OAuthTokens.AsNoTracking()
            .Where(t => t.Kind == OAuthTokenKind.Access && t.RefreshJti == jti && t.Status == OAuthTokenStatus.Active)
            .Select(t => t.Jti).ToListAsync(cancellationToken);
        registry.SetStatus([jti, .. retired], OAuthTokenStatus.Rotated);
        await db.OAuthTokens
            .Where(t => t.Kind == OAuthTokenKind.Access && t.RefreshJti == jti && t.Status == OAuthTokenStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, OAuthTokenStatus.Rotated), cancellationToken);
        token.Uses = uses;
        token.Status = OAuthTokenStatus.Rotated;
        return (token, null);
    }

    /// <summary>
    /// Revokes <paramref name="jti"/> if it belongs to the client: an access token alone, a refresh token with every
    /// token of its family. Returns the revoked jtis (empty when unknown, another client's or already revoked).
    /// </summary>
    public async Task<IReadOnlyList<string>> RevokeAsync(string jti, int clientDbId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.OAuthTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Jti == jti, cancellationToken);
        if (token is null || token.ApiClientId != clientDbId)
        {
            return [];
        }

        var query = token.Kind == OAuthTokenKind.Refresh
            ? db.OAuthTokens.Where(t => t.FamilyId == token.FamilyId && t.ApiClientId == clientDbId)
            : db.OAuthTokens.Where(t => t.Jti == jti);
        var rows = await query.Where(t => t.Status != OAuthTokenStatus.Revoked).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var revoked = rows.Select(t => t.Jti).ToList();
        registry.SetStatus(revoked, OAuthTokenStatus.Revoked);
        foreach (var row in rows)
        {
            row.Status = OAuthTokenStatus.Revoked;
        }

        // Through the config writer: audited, and the version bump makes every node reload the registry.
        await writer.CommitAsync(db, actor, () => new AuditChange(EntityName, jti, "Revoked", null, new { token.Kind, Tokens = revoked.Count }), cancellationToken);
        return revoked;
    }

    /// <summary>
    /// Deletes token rows whose lifetime ended before <paramref name="now"/>, revoked and rotated ones included: an expired
    /// token fails at the gateway on its own, so its revocation entry is stale. The registry drops them on its next merge.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.OAuthTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    public static string JoinGroups(IEnumerable<int> groupIds) => string.Join(",", groupIds.Select(g => g.ToString(CultureInfo.InvariantCulture)));
}
