namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>The OAuth 2.0 grants a client may use at the token endpoint (any combination).</summary>
[Flags]
public enum OAuthGrants
{
    None = 0,
    ClientCredentials = 1,
    Password = 2,
    RefreshToken = 4,
    AuthorizationCode = 8,

    /// <summary>A new client's grants.</summary>
    Default = ClientCredentials | RefreshToken,

    All = ClientCredentials | Password | RefreshToken | AuthorizationCode,
}
