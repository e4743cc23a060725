namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>A token signing key pair; the private key is encrypted with <see cref="SecretProtector"/>.</summary>
public sealed class OAuthSigningKey
{
    /// <summary>Key id, the JWT header's <c>kid</c>.</summary>
    public required string Kid { get; set; }

    public OAuthKeyAlgorithm Algorithm { get; set; }

    /// <summary>PKCS#8 private key, Base64, protected; never shown, logged or returned.</summary>
    public required string ProtectedPrivateKey { get; set; }

    public OAuthKeyStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RetiredAt { get; set; }

    public DateTime? RemovedAt { get; set; }
}
