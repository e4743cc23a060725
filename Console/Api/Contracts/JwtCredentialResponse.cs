using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A JWT credential; <c>secret</c> is only set in the answer to the creation of an HS* credential whose secret was generated.</summary>
internal sealed record JwtCredentialResponse(int Id, string Key, JwtAlgorithm Algorithm, string? PublicKeyPem, DateTime CreatedAt, string? Secret = null)
{
    public static JwtCredentialResponse From(JwtCredential j, string? secret = null) => new(j.Id, j.Key, j.Algorithm, j.PublicKeyPem, j.CreatedAt, secret);
}
