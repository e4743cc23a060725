using ApiManager.Gateway.Credentials.XApiKeys;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// An X-Api-Key as the API shows it: alias, mask, dates (UTC), groups and status; never the key or its hash.
/// <c>status</c> is the stored status (active, revoked, expired); <c>state</c> what the key does now (active,
/// notYetEffective, expired, revoked).
/// </summary>
internal sealed record XApiKeyResponse(
    int Id,
    string Alias,
    string Mask,
    DateTime? EffectiveAt,
    DateTime ExpiresAt,
    XApiKeyStatus Status,
    XApiKeyState State,
    DateTime? RevokedAt,
    DateTime CreatedAt,
    string CreatedBy,
    IReadOnlyList<XApiKeyGroupRef> Groups)
{
    public static XApiKeyResponse From(XApiKeySummary k) =>
        new(k.Id, k.Alias, k.Mask, k.EffectiveAt, k.ExpiresAt, k.Status, k.State, k.RevokedAt, k.CreatedAt, k.CreatedBy, k.Groups);
}
