using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>Builds JWTs independently of the product code (RFC 7515 compact form).</summary>
internal static class TestJwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Part(object value) => Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    /// <summary>header.payload signed with HMAC (alg from the header name).</summary>
    public static string Hmac(string alg, string secret, object payload, object? header = null) =>
        Hmac(alg, Encoding.UTF8.GetBytes(secret), payload, header);

    public static string Hmac(string alg, byte[] key, object payload, object? header = null)
    {
        var signingInput = Part(header ?? new { alg, typ = "JWT" }) + "." + Part(payload);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = alg switch
        {
            "HS384" => HMACSHA384.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
        return signingInput + "." + Encode(signature);
    }

    public static string Rsa(RSA rsa, object payload, object? header = null)
    {
        var signingInput = Part(header ?? new { alg = "RS256", typ = "JWT" }) + "." + Part(payload);
        return signingInput + "." + Encode(rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static string Ecdsa(ECDsa ecdsa, object payload)
    {
        var signingInput = Part(new { alg = "ES256", typ = "JWT" }) + "." + Part(payload);
        return signingInput + "." + Encode(ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256));
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string None(object payload) => Part(new { alg = "none", typ = "JWT" }) + "." + Part(payload) + ".";
}
