using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>One stored response: status, headers (without hop-by-hop ones), body, and when it was stored and expires.</summary>
internal sealed class ProxyCacheEntry
{
    /// <summary>Per-entry bookkeeping counted against the cache's size cap on top of the body and headers.</summary>
    private const int Overhead = 128;

    public ProxyCacheEntry(int status, KeyValuePair<string, StringValues>[] headers, byte[] body, long storedAtTicks, long expiresAtTicks)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        Status = status;
        Headers = headers;
        Body = body;
        StoredAtTicks = storedAtTicks;
        ExpiresAtTicks = expiresAtTicks;
        LastUsedTicks = storedAtTicks;
        long size = Overhead + body.Length;
        foreach (var (name, values) in headers)
        {
            size += name.Length * 2;
            foreach (var value in values)
            {
                size += (value?.Length ?? 0) * 2;
            }
        }

        Size = size;
    }

    public int Status { get; }

    public KeyValuePair<string, StringValues>[] Headers { get; }

    public byte[] Body { get; }

    /// <summary>UTC ticks when the response was stored (its <c>Age</c> counts from here).</summary>
    public long StoredAtTicks { get; }

    /// <summary>UTC ticks from which the entry is stale.</summary>
    public long ExpiresAtTicks { get; }

    /// <summary>Approximate bytes the entry holds.</summary>
    public long Size { get; }

    /// <summary>UTC ticks of the last hit (for least-recently-used eviction).</summary>
    public long LastUsedTicks;
}
