using System.Security.Cryptography;
using System.Text;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>The DGRK recipe written independently of the product: Base64(HMAC-SHA256(secret, minifiedBody + apiKey + secret)).</summary>
internal static class DgrkSigner
{
    /// <summary>Signs <paramref name="minifiedBody"/> (the caller minifies; tests pass hand-written minified JSON).</summary>
    public static string Sign(string minifiedBody, string apiKey, string secretKey)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(minifiedBody + apiKey + secretKey)));
    }

    /// <summary>The Authorization header value.</summary>
    public static string Header(string minifiedBody, string apiKey, string secretKey) => $"DGRK {apiKey}.{Sign(minifiedBody, apiKey, secretKey)}";
}
