using System.Collections.Frozen;

namespace ApiManager.Gateway.Credentials.XApiKeys.Runtime;

/// <summary>One X-Api-Key as the gateway checks it (from the snapshot; never the key itself).</summary>
internal sealed class XApiKeyEntry
{
    public required int Id { get; init; }

    /// <summary>Database id of the client the key belongs to.</summary>
    public required int ClientDbId { get; init; }

    /// <summary>The key's mask (<c>abc…xyz</c>).</summary>
    public required string Mask { get; init; }

    /// <summary>
    /// The mask in ASCII (<c>abc...xyz</c>), sent to the backend as <c>X-Credential-Identifier</c>: header values must be
    /// ASCII, and the forwarder refuses the ellipsis character.
    /// </summary>
    public required string CredentialId { get; init; }

    public required XApiKeyStatus Status { get; init; }

    /// <summary>UTC; null: effective at once.</summary>
    public DateTime? EffectiveAt { get; init; }

    /// <summary>UTC instant from which the key is refused.</summary>
    public required DateTime ExpiresAt { get; init; }

    /// <summary>The key's authority groups (narrow the client's groups at the gateway).</summary>
    public required FrozenSet<int> Groups { get; init; }
}
