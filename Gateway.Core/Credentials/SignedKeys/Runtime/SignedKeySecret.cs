namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>A decrypted secret ready for HMAC: the key bytes and the message suffix (UTF-8 apiKey + secretKey).</summary>
internal sealed class SignedKeySecret(string protectedSecret, byte[] key, byte[] suffix)
{
    /// <summary>The encrypted value this was decrypted from (a changed value is decrypted again).</summary>
    public string ProtectedSecret { get; } = protectedSecret;

    public byte[] Key { get; } = key;

    public byte[] Suffix { get; } = suffix;
}
