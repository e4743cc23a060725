namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// The symmetric key OpenIddict encrypts refresh tokens with (they are opaque to clients and never published);
/// created once, protected with <see cref="SecretProtector"/>.
/// </summary>
public sealed class OAuthEncryptionKey
{
    public int Id { get; set; }

    /// <summary>256-bit key, Base64, protected; never shown, logged or returned.</summary>
    public required string ProtectedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
