using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiManager.Gateway.Credentials;

/// <summary>
/// Key material shared by every issued credential (X-Api-Keys, signed API keys, key-auth keys): high-entropy random
/// values, the SHA-256 they are stored and looked up by, and the mask admins and partners see instead.
/// </summary>
internal static class CredentialSecrets
{
    /// <summary>Random bytes in a new key: 256 bits.</summary>
    public const int KeyBytes = 32;

    /// <summary>A new random key, URL-safe Base64 without padding (43 characters for 32 bytes).</summary>
    public static string NewKey(int bytes = KeyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        return WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));
    }

    /// <summary>Upper-case hex SHA-256 of the key's UTF-8 bytes (digiRunner stores X-Api-Keys this way).</summary>
    public static string Hash(ReadOnlySpan<char> key)
    {
        var byteCount = Encoding.UTF8.GetByteCount(key);
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(key, bytes);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        bytes.Clear();
        return Convert.ToHexString(digest);
    }

    /// <summary>The first and last three characters around an ellipsis (<c>abc…xyz</c>); short values are fully masked.</summary>
    public static string Mask(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length < 12 ? new string('*', key.Length) : string.Concat(key.AsSpan(0, 3), "…", key.AsSpan(key.Length - 3));
    }
}
