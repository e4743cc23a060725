using ApiManager.Gateway.Credentials.OAuth;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A token signing key (no key material).</summary>
internal sealed record SigningKeyResponse(string Kid, string Algorithm, string Status, DateTime CreatedAt, DateTime? RetiredAt, DateTime? RemovedAt, bool CanRemove)
{
    public static SigningKeyResponse From(SigningKeyInfo key) => new(
        key.Kid, key.Algorithm.ToString(), key.Status.ToString().ToLowerInvariant(), key.CreatedAt, key.RetiredAt, key.RemovedAt, key.CanRemove);
}
