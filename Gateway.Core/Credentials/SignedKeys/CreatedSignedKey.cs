namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>A newly issued key: <see cref="SecretKey"/> is returned this once and cannot be read again.</summary>
public sealed record CreatedSignedKey(SignedApiKey Key, string ApiKey, string SecretKey, long? MailId);
