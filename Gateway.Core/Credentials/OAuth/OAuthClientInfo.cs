using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>An authenticated client at the token endpoint: its runtime entry plus token settings and scope at this moment.</summary>
internal sealed record OAuthClientInfo(
    ClientEntry Client,
    OAuthGrants Grants,
    int AccessTokenValidity,
    int AccessTokenQuota,
    int RefreshTokenValidity,
    int RefreshTokenQuota,
    IReadOnlyList<string> ScopeNames,
    IReadOnlyList<int> GroupIds);
