using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>One consistent view of the key ring: the active signing key, every published key by kid, the refresh-token encryption key.</summary>
internal sealed class OAuthKeySet(PublishedKey active, FrozenDictionary<string, PublishedKey> published, SymmetricSecurityKey encryption)
{
    public PublishedKey Active { get; } = active;

    public FrozenDictionary<string, PublishedKey> Published { get; } = published;

    public SymmetricSecurityKey Encryption { get; } = encryption;

    public SigningCredentials ActiveCredentials { get; } = new(active.Key, active.Algorithm);
}
