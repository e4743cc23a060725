namespace ApiManager.Admin.Api.Contracts;

/// <summary>A new personal access token: a name and an optional expiry (UTC).</summary>
internal sealed record CreateTokenRequest(string Name, DateTime? ExpiresAt);
