namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>A signing key as the console and admin API list it (never the key material).</summary>
public sealed record SigningKeyInfo(string Kid, OAuthKeyAlgorithm Algorithm, OAuthKeyStatus Status, DateTime CreatedAt, DateTime? RetiredAt, DateTime? RemovedAt, bool CanRemove);
