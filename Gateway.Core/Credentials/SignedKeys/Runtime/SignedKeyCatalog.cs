using System.Collections.Frozen;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>Every signed key of a snapshot, by API key (ordinal) and by id.</summary>
internal sealed class SignedKeyCatalog
{
    public static readonly SignedKeyCatalog Empty = new(FrozenDictionary<string, SignedKeyEntry>.Empty, FrozenDictionary<long, SignedKeyEntry>.Empty);

    private SignedKeyCatalog(FrozenDictionary<string, SignedKeyEntry> byApiKey, FrozenDictionary<long, SignedKeyEntry> byId)
    {
        ByApiKey = byApiKey;
        ById = byId;
        ApiKeyLookup = byApiKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public FrozenDictionary<string, SignedKeyEntry> ByApiKey { get; }

    public FrozenDictionary<long, SignedKeyEntry> ById { get; }

    /// <summary>Looks a key up by a span of the Authorization header (no string allocated).</summary>
    public FrozenDictionary<string, SignedKeyEntry>.AlternateLookup<ReadOnlySpan<char>> ApiKeyLookup { get; }

    public static SignedKeyCatalog Build(IReadOnlyList<SignedApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return Empty;
        }

        var entries = keys.Select(k => new SignedKeyEntry
        {
            Id = k.Id,
            ApiKey = k.ApiKey,
            ClientDbId = k.ApiClientId,
            ProtectedSecret = k.ProtectedSecret,
            ExpiresAt = k.ExpiresAt,
            Status = k.Status,
            TimesQuota = k.TimesQuota,
            RemainingUses = k.TimesQuota == SignedApiKey.Unlimited ? SignedApiKey.Unlimited : Math.Max(0, k.RemainingUses),
            QuotaSetAt = k.QuotaSetAt,
            ApiIds = k.Apis.Select(a => a.ApiDefinitionId).ToFrozenSet(),
        }).ToList();
        return new SignedKeyCatalog(
            entries.ToFrozenDictionary(e => e.ApiKey, StringComparer.Ordinal),
            entries.ToFrozenDictionary(e => e.Id));
    }
}
