using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>
/// A signed API key ("DGRK", digiRunner's API Key + Secret Key): the caller sends
/// <c>Authorization: DGRK &lt;apiKey&gt;.&lt;signature&gt;</c> with signature = Base64(HMAC-SHA256(secretKey,
/// minifiedBody + apiKey + secretKey)). The key may call only the APIs in <see cref="Apis"/>, until
/// <see cref="ExpiresAt"/>, at most <see cref="TimesQuota"/> times.
/// </summary>
public sealed class SignedApiKey
{
    /// <summary>"Unlimited" for <see cref="TimesQuota"/> and <see cref="RemainingUses"/>.</summary>
    public const long Unlimited = -1;

    public long Id { get; set; }

    public int ApiClientId { get; set; }

    public ApiClient? Client { get; set; }

    /// <summary>What the key is for (shown in the console).</summary>
    public string? Alias { get; set; }

    /// <summary>
    /// The public key id: random, URL-safe, 256 bits. Stored in clear because it is an identifier the caller sends in
    /// every request (the secret never travels); unique.
    /// </summary>
    public required string ApiKey { get; set; }

    /// <summary>
    /// The secret key, encrypted with <see cref="SecretProtector"/>. It cannot be a one-way hash: verifying an
    /// HMAC signature needs the secret itself. Never shown, logged, audited or returned after creation.
    /// </summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The secret's mask (<c>abc…xyz</c>), what admins see instead of the secret.</summary>
    public required string SecretMask { get; set; }

    /// <summary>UTC instant from which the key is refused.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Calls the key was issued for; <see cref="Unlimited"/> (−1) = unlimited.</summary>
    public long TimesQuota { get; set; } = Unlimited;

    /// <summary>Calls left (flushed from the gateway's memory); <see cref="Unlimited"/> (−1) = unlimited.</summary>
    public long RemainingUses { get; set; } = Unlimited;

    /// <summary>When the current quota was set (creation or extension): the gateway restarts its count when this changes.</summary>
    public DateTime QuotaSetAt { get; set; }

    public SignedKeyStatus Status { get; set; } = SignedKeyStatus.Active;

    public DateTime? RevokedAt { get; set; }

    /// <summary>When the expiry reminder mail was queued (one per key).</summary>
    public DateTime? ExpiryReminderSentAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The APIs the key may call.</summary>
    public List<SignedApiKeyApi> Apis { get; set; } = [];
}
