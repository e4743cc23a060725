namespace ApiManager.Admin.Api.Contracts;

/// <summary>Algorithm of the new signing key: <c>RS256</c> (default) or <c>ES256</c>.</summary>
internal sealed record RotateSigningKeyRequest
{
    public string? Algorithm { get; init; }
}
