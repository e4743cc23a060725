namespace ApiManager.Admin.Api.Contracts;

/// <summary>A newly issued signed key. <c>secretKey</c> is returned this once and cannot be read again.</summary>
internal sealed record CreatedSignedKeyResponse(SignedKeyResponse Key, string ApiKey, string SecretKey, long? MailId);
