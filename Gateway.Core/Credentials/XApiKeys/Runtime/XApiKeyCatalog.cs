using System.Collections.Frozen;

namespace ApiManager.Gateway.Credentials.XApiKeys.Runtime;

/// <summary>The X-Api-Keys of one snapshot, by their upper-hex SHA-256 (revoked and expired keys too, to say why they fail).</summary>
internal sealed class XApiKeyCatalog(FrozenDictionary<string, XApiKeyEntry> byHash)
{
    public static XApiKeyCatalog Empty { get; } = new(FrozenDictionary<string, XApiKeyEntry>.Empty);

    public FrozenDictionary<string, XApiKeyEntry> ByHash { get; } = byHash;

    public int Count => ByHash.Count;

    public static XApiKeyCatalog Build(IReadOnlyList<ClientXApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return Empty;
        }

        var entries = new Dictionary<string, XApiKeyEntry>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            entries[key.KeyHash.ToUpperInvariant()] = new XApiKeyEntry
            {
                Id = key.Id,
                ClientDbId = key.ApiClientId,
                Mask = key.Mask,
                CredentialId = key.Mask.Replace("…", "...", StringComparison.Ordinal),
                Status = key.Status,
                EffectiveAt = key.EffectiveAt,
                ExpiresAt = key.ExpiresAt,
                Groups = key.Groups.Select(g => g.ApiGroupId).ToFrozenSet(),
            };
        }

        return new XApiKeyCatalog(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
