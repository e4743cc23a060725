using ApiManager.Admin.Account;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A personal access token as listed (never its value).</summary>
internal sealed record AccessTokenResponse(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool IsActive)
{
    public static AccessTokenResponse From(AccessTokenInfo t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.IsActive);
}
