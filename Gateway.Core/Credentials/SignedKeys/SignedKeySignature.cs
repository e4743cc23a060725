using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiManager.Gateway.Credentials.SignedKeys;

/// <summary>
/// digiRunner's DGRK signing recipe: message = minifiedJsonBody + apiKey + secretKey (UTF-8), signature =
/// Base64(HMAC-SHA256(key = UTF-8 secretKey, message)). An empty body minifies to "", a body that is not JSON is used
/// as it is.
/// </summary>
internal static class SignedKeySignature
{
    /// <summary>Length of an HMAC-SHA256 in bytes.</summary>
    public const int SignatureBytes = HMACSHA256.HashSizeInBytes;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Like jq -c, JSON.stringify and Jackson: no escaping of non-ASCII or HTML-sensitive characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// The body as signed: JSON parsed and re-serialized without whitespace, whitespace-only → empty, anything else unchanged.
    /// </summary>
    public static byte[] Minify(ReadOnlyMemory<byte> body)
    {
        if (IsWhitespace(body.Span))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                document.RootElement.WriteTo(writer);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return body.ToArray();
        }
    }

    /// <summary>
    /// A JSON body with only its insignificant whitespace removed (string contents and escapes kept as sent): what a
    /// client that minifies by stripping whitespace signs. Meaningful only for a body that is a JSON document.
    /// </summary>
    public static byte[] StripWhitespace(ReadOnlySpan<byte> body)
    {
        var result = new byte[body.Length];
        var length = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in body)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }

            result[length++] = b;
        }

        return result.AsSpan(0, length).ToArray();
    }

    /// <summary>Base64(HMAC-SHA256(secretKey, minifiedBody + apiKey + secretKey)), computed from scratch.</summary>
    public static string Compute(ReadOnlySpan<byte> minifiedBody, string apiKey, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(secretKey);
        Span<byte> mac = stackalloc byte[SignatureBytes];
        Mac(minifiedBody, Encoding.UTF8.GetBytes(apiKey + secretKey), Encoding.UTF8.GetBytes(secretKey), mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>HMAC-SHA256 of <paramref name="body"/> followed by <paramref name="suffix"/> (UTF-8 apiKey + secretKey).</summary>
    public static void Mac(ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(body);
        hmac.AppendData(suffix);
        hmac.GetHashAndReset(destination);
    }

    /// <summary>Decodes a Base64 signature of exactly <see cref="SignatureBytes"/> bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<char> signature, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[SignatureBytes + 3];
        if (signature.Length is 0 or > 64 || !Convert.TryFromBase64Chars(signature, buffer, out var written) || written != SignatureBytes)
        {
            return false;
        }

        buffer[..SignatureBytes].CopyTo(destination);
        return true;
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
