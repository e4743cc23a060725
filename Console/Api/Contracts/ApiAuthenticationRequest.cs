using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// Replaces an API's authentication settings. <c>acceptedCredentials</c> lists clientBasic, oAuthToken, xApiKey,
/// signedKey, keyAuth and/or jwt; options left out keep Kong's defaults.
/// </summary>
internal sealed record ApiAuthenticationRequest
{
    public IReadOnlyList<CredentialTypes>? AcceptedCredentials { get; init; }

    public bool ForwardCredentials { get; init; }

    public KeyAuthOptions? KeyAuth { get; init; }

    public BasicAuthOptions? BasicAuth { get; init; }

    public JwtOptions? Jwt { get; init; }

    public Guid? ConcurrencyStamp { get; init; }

    public ApiAuthenticationSettings ToSettings() => new()
    {
        AcceptedCredentials = (AcceptedCredentials ?? []).Aggregate(CredentialTypes.None, (all, type) => all | type),
        ForwardCredentials = ForwardCredentials,
        KeyAuth = KeyAuth ?? new(),
        BasicAuth = BasicAuth ?? new(),
        Jwt = Jwt ?? new(),
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
