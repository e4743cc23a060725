using System.Globalization;
using System.Security.Cryptography;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>A client's key-auth keys and JWT credentials: list, create (secret shown once), delete.</summary>
internal sealed class PluginCredentialService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ConfigChangeWriter writer,
    SecretProtector protector,
    TimeProvider timeProvider)
{
    public const string KeyAuthEntityName = "KeyAuthCredential";

    public const string JwtEntityName = "JwtCredential";

    /// <summary>Shortest key an admin may supply.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Longest key or JWT credential key.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Shortest HS* secret an admin may supply (256 bits of text).</summary>
    public const int MinSecretLength = 32;

    public const int MaxSecretLength = 512;

    public async Task<IReadOnlyList<KeyAuthCredential>> ListKeyAuthAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        return await db.KeyAuthCredentials.AsNoTracking().Where(k => k.ApiClientId == clientId).OrderBy(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a key (<paramref name="key"/> when given, else a random 256-bit key).</summary>
    public async Task<KeyAuthCredentialCreated> CreateKeyAuthAsync(int clientId, string? key, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        var errors = new ValidationErrors();
        var value = string.IsNullOrEmpty(key) ? CredentialSecrets.NewKey() : key;
        if (value.Length < MinKeyLength || value.Length > MaxKeyLength || value.Any(c => c is <= ' ' or > '~'))
        {
            errors.Add("key", $"The key must be {MinKeyLength}–{MaxKeyLength} printable ASCII characters without spaces.");
            errors.ThrowIfAny();
        }

        var hash = CredentialSecrets.Hash(value);
        if (await db.KeyAuthCredentials.AnyAsync(k => k.KeyHash == hash, cancellationToken))
        {
            errors.Add("key", "This key is already in use.");
            errors.ThrowIfAny();
        }

        var credential = new KeyAuthCredential { ApiClientId = clientId, KeyHash = hash, Mask = CredentialSecrets.Mask(value), CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
        db.KeyAuthCredentials.Add(credential);
        await writer.CommitAsync(db, actor, () => new AuditChange(KeyAuthEntityName, Id(credential.Id), "Created", null, new { Client = client.ClientId, credential.Mask }), cancellationToken);
        return new KeyAuthCredentialCreated(credential, value);
    }

    public async Task DeleteKeyAuthAsync(int clientId, int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        var credential = await db.KeyAuthCredentials.FirstOrDefaultAsync(k => k.Id == id && k.ApiClientId == clientId, cancellationToken)
            ?? throw new EntityNotFoundException(KeyAuthEntityName, Id(id));
        db.KeyAuthCredentials.Remove(credential);
        await writer.CommitAsync(db, actor, () => new AuditChange(KeyAuthEntityName, Id(id), "Deleted", new { Client = client.ClientId, credential.Mask }, null), cancellationToken);
    }

    public async Task<IReadOnlyList<JwtCredential>> ListJwtAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        return await db.JwtCredentials.AsNoTracking().Where(j => j.ApiClientId == clientId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a JWT credential; an HS* credential without a secret gets a random one (returned once).</summary>
    public async Task<JwtCredentialCreated> CreateJwtAsync(int clientId, JwtCredentialInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        var errors = new ValidationErrors();
        var key = string.IsNullOrWhiteSpace(input.Key) ? CredentialSecrets.NewKey(16) : input.Key.Trim();
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            errors.Add("key", $"The key must be at most {MaxKeyLength} characters without control characters.");
        }

        string? secret = null;
        string? pem = null;
        if (!Enum.IsDefined(input.Algorithm))
        {
            errors.Add("algorithm", "Algorithm must be HS256, HS384, HS512, RS256 or ES256.");
        }
        else if (IsHmac(input.Algorithm))
        {
            secret = string.IsNullOrEmpty(input.Secret) ? CredentialSecrets.NewKey() : input.Secret;
            if (secret.Length < MinSecretLength || secret.Length > MaxSecretLength)
            {
                errors.Add("secret", $"The secret must be {MinSecretLength}–{MaxSecretLength} characters.");
            }

            if (!string.IsNullOrWhiteSpace(input.PublicKeyPem))
            {
                errors.Add("publicKeyPem", "HS* credentials use a secret, not a public key.");
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(input.Secret))
            {
                errors.Add("secret", $"{input.Algorithm} credentials use a public key, not a secret.");
            }

            pem = NormalizePublicKey(input.Algorithm, input.PublicKeyPem, out var pemError);
            if (pemError is not null)
            {
                errors.Add("publicKeyPem", pemError);
            }
        }

        errors.ThrowIfAny();
        if (await db.JwtCredentials.AnyAsync(j => j.Key == key, cancellationToken))
        {
            errors.Add("key", "Another JWT credential already has this key.");
            errors.ThrowIfAny();
        }

        var credential = new JwtCredential
        {
            ApiClientId = clientId,
            Key = key,
            Algorithm = input.Algorithm,
            ProtectedSecret = secret is null ? null : protector.Protect(secret),
            PublicKeyPem = pem,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        db.JwtCredentials.Add(credential);
        await writer.CommitAsync(
            db,
            actor,
            () => new AuditChange(JwtEntityName, Id(credential.Id), "Created", null, new { Client = client.ClientId, Issuer = key, Algorithm = input.Algorithm.ToString() }),
            cancellationToken);
        return new JwtCredentialCreated(credential, string.IsNullOrEmpty(input.Secret) ? secret : null);
    }

    public async Task DeleteJwtAsync(int clientId, int id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        var credential = await db.JwtCredentials.FirstOrDefaultAsync(j => j.Id == id && j.ApiClientId == clientId, cancellationToken)
            ?? throw new EntityNotFoundException(JwtEntityName, Id(id));
        db.JwtCredentials.Remove(credential);
        await writer.CommitAsync(
            db,
            actor,
            () => new AuditChange(JwtEntityName, Id(id), "Deleted", new { Client = client.ClientId, Issuer = credential.Key, Algorithm = credential.Algorithm.ToString() }, null),
            cancellationToken);
    }

    public static bool IsHmac(JwtAlgorithm algorithm) => algorithm is JwtAlgorithm.HS256 or JwtAlgorithm.HS384 or JwtAlgorithm.HS512;

    /// <summary>The public key re-exported as SubjectPublicKeyInfo PEM, or an error (private keys are refused).</summary>
    internal static string? NormalizePublicKey(JwtAlgorithm algorithm, string? pem, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            error = "A PEM public key is required.";
            return null;
        }

        if (pem.Length > 8000 || pem.Contains("PRIVATE", StringComparison.OrdinalIgnoreCase))
        {
            error = "Paste the PUBLIC key (-----BEGIN PUBLIC KEY-----), never a private key.";
            return null;
        }

        try
        {
            if (algorithm == JwtAlgorithm.RS256)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                if (rsa.KeySize < 2048)
                {
                    error = "The RSA key must have at least 2048 bits.";
                    return null;
                }

                return rsa.ExportSubjectPublicKeyInfoPem();
            }

            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            if (ec.KeySize != 256)
            {
                error = "ES256 needs a P-256 key.";
                return null;
            }

            return ec.ExportSubjectPublicKeyInfoPem();
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            error = $"Not a valid {(algorithm == JwtAlgorithm.RS256 ? "RSA" : "EC P-256")} public key in PEM.";
            return null;
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
