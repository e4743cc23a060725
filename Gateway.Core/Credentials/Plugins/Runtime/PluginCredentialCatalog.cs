using System.Collections.Frozen;
using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>The key-auth keys (by SHA-256) and JWT credentials (by key) of one snapshot, for clients that exist.</summary>
internal sealed class PluginCredentialCatalog(FrozenDictionary<string, KeyAuthEntry> keys, FrozenDictionary<string, JwtEntry> jwt)
{
    public static PluginCredentialCatalog Empty { get; } = new(FrozenDictionary<string, KeyAuthEntry>.Empty, FrozenDictionary<string, JwtEntry>.Empty);

    /// <summary>Upper-hex SHA-256 of a key → entry.</summary>
    public FrozenDictionary<string, KeyAuthEntry> KeysByHash { get; } = keys;

    /// <summary>JWT credential key (ordinal) → entry.</summary>
    public FrozenDictionary<string, JwtEntry> JwtByKey { get; } = jwt;

    public static PluginCredentialCatalog Build(PluginCredentialRows? rows, ClientCatalog clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (rows is null || (rows.KeyAuth.Count == 0 && rows.Jwt.Count == 0))
        {
            return Empty;
        }

        var keys = new Dictionary<string, KeyAuthEntry>(StringComparer.Ordinal);
        foreach (var key in rows.KeyAuth)
        {
            if (clients.ById.TryGetValue(key.ApiClientId, out var client))
            {
                keys[key.KeyHash] = new KeyAuthEntry(client, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var jwt = new Dictionary<string, JwtEntry>(StringComparer.Ordinal);
        foreach (var credential in rows.Jwt)
        {
            if (clients.ById.TryGetValue(credential.ApiClientId, out var client))
            {
                jwt[credential.Key] = new JwtEntry(credential.Id, client, credential.Key, credential.Algorithm, credential.ProtectedSecret, credential.PublicKeyPem);
            }
        }

        return new PluginCredentialCatalog(keys.ToFrozenDictionary(StringComparer.Ordinal), jwt.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
