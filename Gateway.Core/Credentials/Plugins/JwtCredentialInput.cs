namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>What an admin submits to create a JWT credential.</summary>
public sealed record JwtCredentialInput
{
    /// <summary>The key claim value tokens carry (<c>iss</c>); empty: a random key is generated.</summary>
    public string? Key { get; init; }

    public JwtAlgorithm Algorithm { get; init; } = JwtAlgorithm.HS256;

    /// <summary>HS* secret (at least 32 characters); empty: a random secret is generated and shown once.</summary>
    public string? Secret { get; init; }

    /// <summary>RS256 / ES256 public key in PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string? PublicKeyPem { get; init; }
}
