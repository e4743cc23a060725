using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A JWT credential (algorithm HS256, HS384, HS512, RS256 or ES256); <c>secret</c> is only set in the answer to the creation of an HS* credential whose secret was generated.</summary>
internal sealed record JwtCredentialResponse(int Id, string Key, string Algorithm, string? PublicKeyPem, DateTime CreatedAt, string? Secret = null)
{
    public static JwtCredentialResponse From(JwtCredential j, string? secret = null) => new(j.Id, j.Key, j.Algorithm.ToString(), j.PublicKeyPem, j.CreatedAt, secret);
}
