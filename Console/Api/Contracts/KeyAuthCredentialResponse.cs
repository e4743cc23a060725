using ApiManager.Gateway.Credentials.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A key-auth key (masked); <c>key</c> is only set in the answer to its creation.</summary>
internal sealed record KeyAuthCredentialResponse(int Id, string Mask, DateTime CreatedAt, string? Key = null)
{
    public static KeyAuthCredentialResponse From(KeyAuthCredential k, string? key = null) => new(k.Id, k.Mask, k.CreatedAt, key);
}
