using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// Lists, rotates and removes the token signing keys. A rotation makes a new active key and retires the old one, which
/// stays published and accepted; a retired key may be removed once it has been retired longer than the longest access
/// token validity of any client (no unexpired token can carry it then).
/// </summary>
internal sealed class SigningKeyService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider, OAuthKeyRing keyRing)
{
    /// <summary>Audit entity type.</summary>
    public const string EntityName = "OAuthSigningKey";

    private readonly IDbContextFactory<GatewayDbContext> _contextFactory = contextFactory;
    private readonly ConfigChangeWriter _writer = writer;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly OAuthKeyRing _keyRing = keyRing;

    /// <summary>Every key: the active one, then retired, then removed, newest first (without key material).</summary>
    public async Task<IReadOnlyList<SigningKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        _ = _keyRing.Current;
        await using var db = await _contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.OAuthSigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var removableBefore = await RemovableBeforeAsync(db, cancellationToken);
        return [.. keys.OrderBy(k => k.Status).ThenByDescending(k => k.CreatedAt).ThenBy(k => k.Kid, StringComparer.Ordinal)
            .Select(k => new SigningKeyInfo(k.Kid, k.Algorithm, k.Status, k.CreatedAt, k.RetiredAt, k.RemovedAt,
                k.Status == OAuthKeyStatus.Retired && k.RetiredAt <= removableBefore))];
    }

    /// <summary>Creates a new active key of <paramref name="algorithm"/>; the previous active key is retired.</summary>
    public async Task<SigningKeyInfo> RotateAsync(OAuthKeyAlgorithm algorithm, Actor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(algorithm))
        {
            var errors = new ValidationErrors();
            errors.Add("algorithm", "Choose RS256 or ES256.");
            errors.ThrowIfAny();
        }

        _ = _keyRing.Current;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await _contextFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.OAuthSigningKeys.Where(k => k.Status == OAuthKeyStatus.Active).ToListAsync(cancellationToken);
        foreach (var old in active)
        {
            old.Status = OAuthKeyStatus.Retired;
            old.RetiredAt = now;
        }

        var key = _keyRing.CreateKey(algorithm);
        db.OAuthSigningKeys.Add(key);
        await _writer.CommitAsync(db, actor, () => new AuditChange(EntityName, key.Kid, "Rotated",
            new { Retired = string.Join(",", active.Select(a => a.Kid)) }, new { key.Kid, Algorithm = key.Algorithm.ToString() }), cancellationToken);
        await _keyRing.ReloadAsync(cancellationToken);
        return new SigningKeyInfo(key.Kid, key.Algorithm, key.Status, key.CreatedAt, null, null, false);
    }

    /// <summary>Removes a retired key once no unexpired token can carry it; otherwise a conflict.</summary>
    public async Task RemoveAsync(string kid, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.OAuthSigningKeys.FirstOrDefaultAsync(k => k.Kid == kid, cancellationToken)
            ?? throw new EntityNotFoundException(EntityName, kid);
        if (key.Status != OAuthKeyStatus.Retired)
        {
            throw new EntityConflictException(key.Status == OAuthKeyStatus.Active
                ? "The active key cannot be removed; rotate first."
                : "The key is already removed.");
        }

        var removableBefore = await RemovableBeforeAsync(db, cancellationToken);
        if (key.RetiredAt > removableBefore)
        {
            throw new EntityConflictException(
                $"The key was retired at {key.RetiredAt:u}; tokens signed with it may still be valid until {key.RetiredAt!.Value + (_timeProvider.GetUtcNow().UtcDateTime - removableBefore):u}.");
        }

        key.Status = OAuthKeyStatus.Removed;
        key.RemovedAt = _timeProvider.GetUtcNow().UtcDateTime;
        await _writer.CommitAsync(db, actor, () => new AuditChange(EntityName, kid, "Removed", new { Status = "Retired" }, new { Status = "Removed" }), cancellationToken);
        await _keyRing.ReloadAsync(cancellationToken);
    }

    /// <summary>Keys retired before this instant may go: now minus the longest access-token validity of any client.</summary>
    private async Task<DateTime> RemovableBeforeAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        var longest = await db.ApiClients.AsNoTracking().MaxAsync(c => (int?)c.AccessTokenValidity, cancellationToken) ?? TokenSettingsService.DefaultAccessTokenValidity;
        return _timeProvider.GetUtcNow().UtcDateTime.AddSeconds(-Math.Max(longest, TokenSettingsService.DefaultAccessTokenValidity));
    }
}
