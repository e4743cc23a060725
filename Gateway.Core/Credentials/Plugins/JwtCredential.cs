using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>
/// A Kong jwt credential of a client: the key a token names in its key claim (<c>iss</c>), the algorithm it must be
/// signed with and the HMAC secret (encrypted) or the RSA / EC public key.
/// </summary>
public sealed class JwtCredential
{
    public int Id { get; set; }

    public int ApiClientId { get; set; }

    public ApiClient? ApiClient { get; set; }

    /// <summary>The key claim value (unique, case-sensitive).</summary>
    public required string Key { get; set; }

    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>HS* secret encrypted with <see cref="SecretProtector"/>; null for RS256 / ES256.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>PEM public key (SubjectPublicKeyInfo) for RS256 / ES256; null for HS*.</summary>
    public string? PublicKeyPem { get; set; }

    public DateTime CreatedAt { get; set; }
}
