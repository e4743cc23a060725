using Microsoft.IdentityModel.Tokens;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>A signing key the gateway accepts and the JWKS publishes (the active one and the retired ones).</summary>
/// <param name="Kid">Key id.</param>
/// <param name="Algorithm">JWS <c>alg</c> the key is pinned to (<c>RS256</c> / <c>ES256</c>).</param>
/// <param name="Key">The key (private part included: the signing side needs it; only the public part is ever published).</param>
/// <param name="Active">Whether it signs new tokens.</param>
internal sealed record PublishedKey(string Kid, string Algorithm, AsymmetricSecurityKey Key, bool Active);
