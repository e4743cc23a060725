using System.Collections.Frozen;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>One signed key as the gateway enforces it (the secret still encrypted; <see cref="SignedKeyRuntime"/> decrypts it).</summary>
internal sealed class SignedKeyEntry
{
    public required long Id { get; init; }

    /// <summary>The public key id the caller sends.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Database id of the owning client.</summary>
    public required int ClientDbId { get; init; }

    public required string ProtectedSecret { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public required SignedKeyStatus Status { get; init; }

    /// <summary>−1 = unlimited.</summary>
    public required long TimesQuota { get; init; }

    /// <summary>Remaining uses stored in the database when the snapshot was read (−1 = unlimited).</summary>
    public required long RemainingUses { get; init; }

    /// <summary>When the quota was set: a new value means the count restarts from <see cref="RemainingUses"/>.</summary>
    public required DateTime QuotaSetAt { get; init; }

    /// <summary>The APIs the key may call.</summary>
    public required FrozenSet<int> ApiIds { get; init; }

    public bool IsUnlimited => TimesQuota == SignedApiKey.Unlimited;
}
