using System.Collections.Frozen;
using System.Security.Cryptography;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// The signing keys (database, private keys protected with <see cref="SecretProtector"/>) as the token server and the
/// gateway use them. The first load creates an RS256 signing key and the refresh-token encryption key when there are
/// none. <see cref="ReloadAsync"/> (after a rotation here, or a snapshot rebuild for one made elsewhere) swaps the set
/// and fires the change token OpenIddict's options follow, so a rotation needs no restart.
/// </summary>
internal sealed class OAuthKeyRing(IDbContextFactory<GatewayDbContext> contextFactory, SecretProtector protector, TimeProvider timeProvider) : IDisposable
{
    private readonly Lock _gate = new();
    private OAuthKeySet? _current;
    private string _fingerprint = "";
    private CancellationTokenSource _changed = new();

    /// <summary>The current keys, loading (and creating) them on first use.</summary>
    public OAuthKeySet Current => Volatile.Read(ref _current) ?? LoadBlocking();

    /// <summary>Fires once when the key set changes.</summary>
    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>Creates a new key pair of <paramref name="algorithm"/> as an entity (not saved).</summary>
    public OAuthSigningKey CreateKey(OAuthKeyAlgorithm algorithm)
    {
        byte[] pkcs8;
        if (algorithm == OAuthKeyAlgorithm.ES256)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        }
        else
        {
            using var rsa = RSA.Create(2048);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
        }

        var key = new OAuthSigningKey
        {
            Kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            Algorithm = algorithm,
            ProtectedPrivateKey = protector.Protect(Convert.ToBase64String(pkcs8)),
            Status = OAuthKeyStatus.Active,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        CryptographicOperations.ZeroMemory(pkcs8);
        return key;
    }

    /// <summary>Re-reads the keys; fires the change token when they differ from the current set.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.OAuthSigningKeys.AsNoTracking().Where(k => k.Status != OAuthKeyStatus.Removed).ToListAsync(cancellationToken);
        var encryption = await db.OAuthEncryptionKeys.AsNoTracking().OrderBy(k => k.Id).FirstOrDefaultAsync(cancellationToken);
        if (keys.Count == 0 || encryption is null)
        {
            return;
        }

        Apply(keys, encryption);
    }

    private OAuthKeySet LoadBlocking()
    {
        lock (_gate)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            using var db = contextFactory.CreateDbContext();
            var keys = db.OAuthSigningKeys.AsNoTracking().Where(k => k.Status != OAuthKeyStatus.Removed).ToList();
            var encryption = db.OAuthEncryptionKeys.AsNoTracking().OrderBy(k => k.Id).FirstOrDefault();
            if (!keys.Any(k => k.Status == OAuthKeyStatus.Active))
            {
                var created = CreateKey(OAuthKeyAlgorithm.RS256);
                db.OAuthSigningKeys.Add(created);
                keys.Add(created);
            }

            if (encryption is null)
            {
                var bytes = RandomNumberGenerator.GetBytes(32);
                encryption = new OAuthEncryptionKey { ProtectedKey = protector.Protect(Convert.ToBase64String(bytes)), CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
                CryptographicOperations.ZeroMemory(bytes);
                db.OAuthEncryptionKeys.Add(encryption);
            }

            db.SaveChanges();
            return Apply(keys, encryption);
        }
    }

    private OAuthKeySet Apply(List<OAuthSigningKey> keys, OAuthEncryptionKey encryption)
    {
        // Several "active" rows can only come from two nodes creating the first key at once: the newest signs.
        var activeKid = keys.Where(k => k.Status == OAuthKeyStatus.Active).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Kid, StringComparer.Ordinal).FirstOrDefault()?.Kid
            ?? keys.OrderByDescending(k => k.CreatedAt).First().Kid;
        var fingerprint = activeKid + "|" + string.Join(",", keys.Select(k => k.Kid).Order(StringComparer.Ordinal)) + "|" + encryption.Id;
        CancellationTokenSource previous;
        OAuthKeySet set;
        lock (_gate)
        {
            if (_current is { } same && fingerprint == _fingerprint)
            {
                return same;
            }

            var published = new Dictionary<string, PublishedKey>(StringComparer.Ordinal);
            foreach (var row in keys)
            {
                var existing = _current?.Published.GetValueOrDefault(row.Kid);
                var key = existing?.Key ?? Import(row);
                var algorithm = row.Algorithm == OAuthKeyAlgorithm.ES256 ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
                published[row.Kid] = new PublishedKey(row.Kid, algorithm, key, row.Kid == activeKid);
            }

            var encryptionKey = _current?.Encryption ?? new SymmetricSecurityKey(Convert.FromBase64String(protector.Unprotect(encryption.ProtectedKey))) { KeyId = "enc-" + encryption.Id };
            set = new OAuthKeySet(published[activeKid], published.ToFrozenDictionary(StringComparer.Ordinal), encryptionKey);
            previous = _changed;
            Volatile.Write(ref _current, set);
            _fingerprint = fingerprint;
            _changed = new CancellationTokenSource();
        }

        // Outside the lock: the callbacks (options caches) ask for the new change token.
        previous.Cancel();
        previous.Dispose();
        return set;
    }

    private AsymmetricSecurityKey Import(OAuthSigningKey row)
    {
        var pkcs8 = Convert.FromBase64String(protector.Unprotect(row.ProtectedPrivateKey));
        try
        {
            if (row.Algorithm == OAuthKeyAlgorithm.ES256)
            {
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new ECDsaSecurityKey(ecdsa) { KeyId = row.Kid };
            }

            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new RsaSecurityKey(rsa) { KeyId = row.Kid };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _changed.Dispose();
        }
    }
}
