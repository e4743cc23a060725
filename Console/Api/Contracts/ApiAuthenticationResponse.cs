using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An API's authentication settings.</summary>
internal sealed record ApiAuthenticationResponse(
    int ApiId,
    bool IsPublic,
    IReadOnlyList<CredentialTypes> AcceptedCredentials,
    bool ForwardCredentials,
    KeyAuthOptions KeyAuth,
    BasicAuthOptions BasicAuth,
    JwtOptions Jwt,
    Guid? ConcurrencyStamp)
{
    private static readonly CredentialTypes[] Types =
        [CredentialTypes.ClientBasic, CredentialTypes.OAuthToken, CredentialTypes.XApiKey, CredentialTypes.SignedKey, CredentialTypes.KeyAuth, CredentialTypes.Jwt];

    public static ApiAuthenticationResponse From(ApiAuthenticationSettings s) => new(
        s.ApiId,
        s.IsPublic,
        [.. Types.Where(t => (s.AcceptedCredentials & t) != 0)],
        s.ForwardCredentials,
        s.KeyAuth,
        s.BasicAuth,
        s.Jwt,
        s.ConcurrencyStamp);
}
