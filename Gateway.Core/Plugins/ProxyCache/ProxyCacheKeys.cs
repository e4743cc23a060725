using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>
/// The cache key of a request: the caller's client (0 for anonymous callers: responses may be client-specific, so
/// clients never share entries), method, path, the query with its parameters sorted by name (only the
/// <c>vary_query_params</c> when set), the <c>vary_headers</c>, and for POST a hash of the body — hashed to 128 bits
/// (XxHash128). Each part is length-prefixed, so no two different requests read as the same sequence.
/// </summary>
internal static class ProxyCacheKeys
{
    public static UInt128 Hash(HttpRequest request, int clientId, ProxyCacheSettings settings, ReadOnlySpan<byte> bodyHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var hash = new XxHash128();
        AppendNumber(hash, clientId);
        AppendText(hash, request.Method);
        AppendText(hash, request.Path.Value);
        if (settings.VaryQueryParams is { } names)
        {
            foreach (var name in names)
            {
                AppendText(hash, name);
                AppendValues(hash, request.Query[name]);
            }
        }
        else if (request.QueryString.HasValue)
        {
            var query = request.Query;
            var keys = new string[query.Count];
            var i = 0;
            foreach (var key in query.Keys)
            {
                keys[i++] = key;
            }

            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                AppendText(hash, key);
                AppendValues(hash, query[key]);
            }
        }

        AppendNumber(hash, -1);
        foreach (var name in settings.VaryHeaders)
        {
            AppendText(hash, name);
            AppendValues(hash, request.Headers[name]);
        }

        AppendNumber(hash, bodyHash.Length);
        hash.Append(bodyHash);
        return hash.GetCurrentHashAsUInt128();
    }

    private static void AppendValues(XxHash128 hash, StringValues values)
    {
        AppendNumber(hash, values.Count);
        foreach (var value in values)
        {
            AppendText(hash, value);
        }
    }

    private static void AppendText(XxHash128 hash, string? text)
    {
        AppendNumber(hash, text?.Length ?? -1);
        hash.Append(MemoryMarshal.AsBytes((text ?? "").AsSpan()));
    }

    private static void AppendNumber(XxHash128 hash, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.Append(bytes);
    }
}
