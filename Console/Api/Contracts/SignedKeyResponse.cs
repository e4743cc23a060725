using ApiManager.Gateway.Credentials.SignedKeys;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A signed API key (DGRK) as listed: the public API key and the secret's mask, never the secret.</summary>
internal sealed record SignedKeyResponse(
    long Id,
    string? Alias,
    string ApiKey,
    string SecretMask,
    DateTime ExpiresAt,
    long TimesQuota,
    long RemainingUses,
    SignedKeyStatus Status,
    DateTime? RevokedAt,
    DateTime CreatedAt,
    IReadOnlyList<SignedKeyApiResponse> Apis)
{
    public static SignedKeyResponse From(SignedApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SignedKeyResponse(
            key.Id,
            key.Alias,
            key.ApiKey,
            key.SecretMask,
            key.ExpiresAt,
            key.TimesQuota,
            key.RemainingUses,
            key.Status,
            key.RevokedAt,
            key.CreatedAt,
            [.. key.Apis.Select(a => new SignedKeyApiResponse(a.ApiDefinitionId, a.Api?.Name, a.Api?.Version)).OrderBy(a => a.Id)]);
    }
}
