using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>
/// A buffered form (<c>application/x-www-form-urlencoded</c>) or JSON-object request body whose top-level fields key-auth
/// reads, and can rewrite without one field (hide_credentials). Larger or other bodies are not inspected.
/// </summary>
internal sealed class RequestBodyFields
{
    /// <summary>Largest body inspected for a key.</summary>
    public const int MaxBytes = 1024 * 1024;

    private readonly byte[] _bytes;
    private readonly bool _isJson;

    private RequestBodyFields(byte[] bytes, bool isJson)
    {
        _bytes = bytes;
        _isJson = isJson;
    }

    /// <summary>Whether the request announces a form or JSON body of an inspectable size.</summary>
    public static bool IsInspectable(HttpRequest request)
    {
        if (Kind(request) is null)
        {
            return false;
        }

        return request.ContentLength is { } length ? length is > 0 and <= MaxBytes : request.Headers.TransferEncoding.Count > 0;
    }

    /// <summary>Buffers the body (the request keeps a readable body) or returns null when it is not inspectable or too large.</summary>
    public static async ValueTask<RequestBodyFields?> ReadAsync(HttpRequest request)
    {
        if (!IsInspectable(request) || Kind(request) is not { } isJson)
        {
            return null;
        }

        request.EnableBuffering(MaxBytes);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                request.Body.Position = 0;
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return new RequestBodyFields(buffer.ToArray(), isJson);
    }

    /// <summary>Finds field <paramref name="name"/>: found with one string value, or duplicated.</summary>
    public bool TryGet(string name, out string? value, out bool duplicate)
    {
        value = null;
        duplicate = false;
        var count = 0;
        if (_isJson)
        {
            using var document = Parse(_bytes);
            if (document is not { RootElement.ValueKind: JsonValueKind.Object })
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals(name))
                {
                    continue;
                }

                count++;
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    value = property.Value.GetString();
                }
                else if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    duplicate = true;
                }
            }
        }
        else
        {
            foreach (var pair in new QueryStringEnumerable(Encoding.UTF8.GetString(_bytes)))
            {
                if (pair.DecodeName().Span.SequenceEqual(name))
                {
                    count++;
                    value = pair.DecodeValue().ToString();
                }
            }
        }

        duplicate |= count > 1;
        return duplicate || value is not null;
    }

    /// <summary>Replaces the request body with this body minus field <paramref name="name"/>.</summary>
    public void RemoveFrom(HttpRequest request, string name)
    {
        byte[] rewritten;
        if (_isJson)
        {
            JsonObject? root;
            try
            {
                root = JsonNode.Parse(_bytes) as JsonObject;
            }
            catch (JsonException)
            {
                root = null;
            }

            if (root is null)
            {
                return;
            }

            root.Remove(name);
            rewritten = Encoding.UTF8.GetBytes(root.ToJsonString());
        }
        else
        {
            var kept = new List<string>();
            foreach (var pair in new QueryStringEnumerable(Encoding.UTF8.GetString(_bytes)))
            {
                if (!pair.DecodeName().Span.SequenceEqual(name))
                {
                    kept.Add(pair.EncodedValue.IsEmpty && pair.EncodedName.Length > 0 ? pair.EncodedName.ToString() : pair.EncodedName + "=" + pair.EncodedValue);
                }
            }

            rewritten = Encoding.UTF8.GetBytes(string.Join('&', kept));
        }

        request.Body = new MemoryStream(rewritten);
        request.ContentLength = rewritten.Length;
        request.Headers.Remove(HeaderNames.TransferEncoding);
    }

    private static JsonDocument? Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True for JSON, false for a form, null for anything else.</summary>
    private static bool? Kind(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? true
            : null;
    }
}
