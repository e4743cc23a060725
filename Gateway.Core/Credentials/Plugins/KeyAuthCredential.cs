using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>A Kong key-auth key of a client, stored as its SHA-256 and a mask; the key itself is shown once.</summary>
public sealed class KeyAuthCredential
{
    public int Id { get; set; }

    public int ApiClientId { get; set; }

    public ApiClient? ApiClient { get; set; }

    /// <summary>Upper-hex SHA-256 of the key (<see cref="CredentialSecrets.Hash"/>); unique.</summary>
    public required string KeyHash { get; set; }

    /// <summary>What admins see instead of the key (<c>abc…xyz</c>).</summary>
    public required string Mask { get; set; }

    public DateTime CreatedAt { get; set; }
}
