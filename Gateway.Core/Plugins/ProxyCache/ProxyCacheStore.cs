using System.Collections.Concurrent;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>
/// The in-memory proxy cache of this node, capped at <see cref="CapacityBytes"/>. Reads are a dictionary lookup; when
/// a store pushes the total over the cap, expired entries go first, then the least recently used, until the total is
/// back under 90% of the cap (one eviction pass at a time; readers never wait for it).
/// </summary>
internal sealed class ProxyCacheStore(TimeProvider timeProvider, long capacityBytes) : IProxyCacheStore
{
    /// <summary>The default cap: 64 MiB.</summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<ProxyCacheKey, ProxyCacheEntry> _entries = new();
    private readonly Lock _evicting = new();
    private long _size;

    public long CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes));

    /// <summary>Entries held (fresh or not yet evicted).</summary>
    public int Count => _entries.Count;

    /// <summary>Approximate bytes held.</summary>
    public long SizeBytes => Interlocked.Read(ref _size);

    public ProxyCacheEntry? Get(in ProxyCacheKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcTicks;
        if (entry.ExpiresAtTicks <= now)
        {
            Remove(new KeyValuePair<ProxyCacheKey, ProxyCacheEntry>(key, entry));
            return null;
        }

        Volatile.Write(ref entry.LastUsedTicks, now);
        return entry;
    }

    public void Set(in ProxyCacheKey key, ProxyCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Size > CapacityBytes)
        {
            return;
        }

        while (true)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                if (_entries.TryUpdate(key, entry, old))
                {
                    Interlocked.Add(ref _size, entry.Size - old.Size);
                    break;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _size, entry.Size);
                break;
            }
        }

        if (Interlocked.Read(ref _size) > CapacityBytes)
        {
            Evict();
        }
    }

    public int PurgeApi(int apiId)
    {
        var purged = 0;
        foreach (var entry in _entries)
        {
            if (entry.Key.ApiId == apiId && Remove(entry))
            {
                purged++;
            }
        }

        return purged;
    }

    private bool Remove(KeyValuePair<ProxyCacheKey, ProxyCacheEntry> entry)
    {
        if (!_entries.TryRemove(entry))
        {
            return false;
        }

        Interlocked.Add(ref _size, -entry.Value.Size);
        return true;
    }

    private void Evict()
    {
        if (!_evicting.TryEnter())
        {
            return;
        }

        try
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            var target = CapacityBytes / 10 * 9;
            var live = new List<KeyValuePair<ProxyCacheKey, ProxyCacheEntry>>();
            foreach (var entry in _entries)
            {
                if (entry.Value.ExpiresAtTicks <= now)
                {
                    Remove(entry);
                }
                else
                {
                    live.Add(entry);
                }
            }

            if (Interlocked.Read(ref _size) <= target)
            {
                return;
            }

            live.Sort(static (a, b) => Volatile.Read(ref a.Value.LastUsedTicks).CompareTo(Volatile.Read(ref b.Value.LastUsedTicks)));
            foreach (var entry in live)
            {
                if (Interlocked.Read(ref _size) <= target)
                {
                    break;
                }

                Remove(entry);
            }
        }
        finally
        {
            _evicting.Exit();
        }
    }
}
