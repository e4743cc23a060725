using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>
/// An X-Api-Key issued to a client (digiRunner's DPB0208 key): only its SHA-256 and a mask are stored; the key itself
/// is shown once and mailed to the client. Valid from <see cref="EffectiveAt"/> (null: at once) until
/// <see cref="ExpiresAt"/>, for the APIs of its <see cref="Groups"/>.
/// </summary>
public sealed class ClientXApiKey
{
    public const int MaxAliasLength = 100;

    public int Id { get; set; }

    public int ApiClientId { get; set; }

    public ApiClient? Client { get; set; }

    /// <summary>An identifiable name, unique per client (case-insensitive).</summary>
    public required string Alias { get; set; }

    /// <summary>Upper-case hex SHA-256 of the key (<see cref="CredentialSecrets.Hash"/>); unique.</summary>
    public required string KeyHash { get; set; }

    /// <summary>What admins and partners see instead of the key (<c>abc…xyz</c>).</summary>
    public required string Mask { get; set; }

    /// <summary>UTC instant from which the key works; null: from its creation.</summary>
    public DateTime? EffectiveAt { get; set; }

    /// <summary>UTC instant from which the key no longer works.</summary>
    public DateTime ExpiresAt { get; set; }

    public XApiKeyStatus Status { get; set; } = XApiKeyStatus.Active;

    public DateTime? RevokedAt { get; set; }

    /// <summary>When the expiry reminder mail was queued (one per key); null: not yet.</summary>
    public DateTime? ExpiryReminderSentAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public List<ClientXApiKeyGroup> Groups { get; set; } = [];
}
