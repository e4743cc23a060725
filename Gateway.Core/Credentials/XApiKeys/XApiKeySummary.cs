namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>An X-Api-Key as admins and partners see it: never the key or its hash.</summary>
public sealed record XApiKeySummary(
    int Id,
    int ApiClientId,
    string Alias,
    string Mask,
    DateTime? EffectiveAt,
    DateTime ExpiresAt,
    XApiKeyStatus Status,
    XApiKeyState State,
    DateTime? RevokedAt,
    DateTime CreatedAt,
    string CreatedBy,
    IReadOnlyList<XApiKeyGroupRef> Groups);
