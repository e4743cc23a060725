using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>
/// A buffered form (<c>application/x-www-form-urlencoded</c>), <c>multipart/form-data</c> or JSON-object request body
/// whose top-level fields key-auth reads (as Kong does), and can rewrite without one field (hide_credentials). Larger or
/// other bodies are not inspected; in a multipart body only parts without a file name count as fields.
/// </summary>
internal sealed class RequestBodyFields
{
    /// <summary>Largest body inspected for a key.</summary>
    public const int MaxBytes = 1024 * 1024;

    private readonly byte[] _bytes;
    private readonly bool _isJson;
    private readonly string? _boundary;
    private readonly IReadOnlyList<MultipartPart>? _parts;

    private RequestBodyFields(byte[] bytes, bool isJson, string? boundary = null, IReadOnlyList<MultipartPart>? parts = null)
    {
        _bytes = bytes;
        _isJson = isJson;
        _boundary = boundary;
        _parts = parts;
    }

    private enum BodyKind
    {
        Form,
        Json,
        Multipart,
    }

    /// <summary>One part of a multipart body: its headers as sent, its field name, whether it is a file, its bytes.</summary>
    private sealed record MultipartPart(IReadOnlyList<KeyValuePair<string, StringValues>> Headers, string? Name, bool IsFile, byte[] Body);

    /// <summary>Whether the request announces a form or JSON body of an inspectable size.</summary>
    public static bool IsInspectable(HttpRequest request)
    {
        if (Kind(request, out _) is null)
        {
            return false;
        }

        return request.ContentLength is { } length ? length is > 0 and <= MaxBytes : request.Headers.TransferEncoding.Count > 0;
    }

    /// <summary>Buffers the body (the request keeps a readable body) or returns null when it is not inspectable or too large.</summary>
    public static async ValueTask<RequestBodyFields?> ReadAsync(HttpRequest request)
    {
        if (!IsInspectable(request) || Kind(request, out var boundary) is not { } kind)
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
        var bytes = buffer.ToArray();
        return kind switch
        {
            BodyKind.Multipart => await ReadPartsAsync(bytes, boundary!, request.HttpContext.RequestAborted) is { } parts
                ? new RequestBodyFields(bytes, isJson: false, boundary, parts)
                : null,
            _ => new RequestBodyFields(bytes, kind == BodyKind.Json),
        };
    }

    /// <summary>The parts of a multipart body, or null when it is malformed (then it is not inspected).</summary>
    private static async Task<IReadOnlyList<MultipartPart>?> ReadPartsAsync(byte[] bytes, string boundary, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(bytes)) { BodyLengthLimit = MaxBytes };
        var parts = new List<MultipartPart>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                using var body = new MemoryStream();
                await section.Body.CopyToAsync(body, cancellationToken);
                string? name = null;
                var isFile = false;
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                    isFile = disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                }

                parts.Add(new MultipartPart([.. section.Headers ?? []], name, isFile, body.ToArray()));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return null;
        }

        return parts;
    }

    /// <summary>Finds field <paramref name="name"/>: found with one string value, or duplicated.</summary>
    public bool TryGet(string name, out string? value, out bool duplicate)
    {
        value = null;
        duplicate = false;
        var count = 0;
        if (_parts is not null)
        {
            foreach (var part in _parts)
            {
                if (!part.IsFile && string.Equals(part.Name, name, StringComparison.Ordinal))
                {
                    count++;
                    value = Encoding.UTF8.GetString(part.Body);
                }
            }
        }
        else if (_isJson)
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
        if (_parts is not null)
        {
            rewritten = WriteParts(_parts.Where(p => p.IsFile || !string.Equals(p.Name, name, StringComparison.Ordinal)));
        }
        else if (_isJson)
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

    /// <summary>A multipart body with <paramref name="parts"/>, under the request's own boundary (its Content-Type stays valid).</summary>
    private byte[] WriteParts(IEnumerable<MultipartPart> parts)
    {
        using var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.UTF8.GetBytes(text));
        foreach (var part in parts)
        {
            Write("--" + _boundary + "\r\n");
            foreach (var header in part.Headers)
            {
                Write(header.Key + ": " + header.Value + "\r\n");
            }

            Write("\r\n");
            output.Write(part.Body);
            Write("\r\n");
        }

        Write("--" + _boundary + "--\r\n");
        return output.ToArray();
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

    /// <summary>The body's kind (with a multipart body's boundary), or null for anything else.</summary>
    private static BodyKind? Kind(HttpRequest request, out string? boundary)
    {
        boundary = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Form;
        }

        if (type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var value = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
            if (value.Length is 0 or > 70)
            {
                return null;
            }

            boundary = value;
            return BodyKind.Multipart;
        }

        return type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? BodyKind.Json
            : null;
    }
}
