namespace ApiManager.Admin.Api.Contracts;

/// <summary>Creates a key-auth key: <c>key</c> (16–256 characters) or none for a random 256-bit key.</summary>
internal sealed record CreateKeyAuthRequest(string? Key = null);
