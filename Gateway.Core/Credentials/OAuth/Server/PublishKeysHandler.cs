using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>The JWKS lists every key that is not removed (active and retired), public parts only, each with its pinned <c>alg</c>.</summary>
internal sealed class PublishKeysHandler(OAuthKeyRing keyRing) : IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleJsonWebKeySetRequestContext>()
            .UseSingletonHandler<PublishKeysHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Keys.Clear();
        var keys = keyRing.Current.Published.Values.OrderByDescending(k => k.Active).ThenBy(k => k.Kid, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            context.Keys.Add(ToJwk(key));
        }

        return default;
    }

    public static JsonWebKey ToJwk(PublishedKey key)
    {
        var jwk = new JsonWebKey { Kid = key.Kid, Alg = key.Algorithm, Use = JsonWebKeyUseNames.Sig };
        switch (key.Key)
        {
            case ECDsaSecurityKey ec:
                var point = ec.ECDsa.ExportParameters(includePrivateParameters: false);
                jwk.Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve;
                jwk.Crv = JsonWebKeyECTypes.P256;
                jwk.X = Base64UrlEncoder.Encode(point.Q.X);
                jwk.Y = Base64UrlEncoder.Encode(point.Q.Y);
                break;
            case RsaSecurityKey rsa:
                var parameters = rsa.Rsa?.ExportParameters(includePrivateParameters: false) ?? new RSAParameters { Modulus = rsa.Parameters.Modulus, Exponent = rsa.Parameters.Exponent };
                jwk.Kty = JsonWebAlgorithmsKeyTypes.RSA;
                jwk.N = Base64UrlEncoder.Encode(parameters.Modulus);
                jwk.E = Base64UrlEncoder.Encode(parameters.Exponent);
                break;
            default:
                throw new InvalidOperationException("Unsupported signing key type.");
        }

        return jwk;
    }
}
