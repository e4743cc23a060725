namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>A new signed key: alias (optional), expiry (required, future, UTC), quota (−1 unlimited or ≥ 1), APIs (required).</summary>
public sealed record SignedKeyInput
{
    public string? Alias { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public long? TimesQuota { get; init; }

    public IReadOnlyList<int>? ApiIds { get; init; }
}
