namespace ApiManager.Admin.Api.Contracts;

/// <summary>A newly created token. <c>value</c> is returned this once and cannot be read again.</summary>
internal sealed record CreatedTokenResponse(int Id, string Name, string Value);
