using System.Collections.Concurrent;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// The <c>local</c> policy: counters in this node's memory, one per (plugin, identifier, period, window). A call costs
/// one dictionary lookup and one atomic add (no lock); a new window adds a new counter. Expired windows are removed by a
/// sweep that runs on the thread pool at most once per <see cref="SweepInterval"/>, started by whichever call notices it
/// is due (removal is per entry, so callers never wait for it).
/// </summary>
internal sealed class LocalRateLimitCounterStore(TimeProvider timeProvider) : IRateLimitCounterStore
{
    /// <summary>How often expired windows are swept.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<RateLimitCounterKey, Counter> _counters = new();
    private long _nextSweepTicks;
    private int _sweeping;

    /// <summary>Counters held (current and not yet swept windows).</summary>
    public int Count => _counters.Count;

    public ValueTask<long> AddAsync(in RateLimitCounterKey key, long delta, long windowEndTicks)
    {
        var counter = _counters.GetOrAdd(key, static (_, end) => new Counter(end), windowEndTicks);
        var value = Interlocked.Add(ref counter.Value, delta);
        var now = timeProvider.GetUtcNow().UtcTicks;
        if (now >= Volatile.Read(ref _nextSweepTicks) && Interlocked.CompareExchange(ref _sweeping, 1, 0) == 0)
        {
            Volatile.Write(ref _nextSweepTicks, now + SweepInterval.Ticks);
            ThreadPool.UnsafeQueueUserWorkItem(static store => store.Sweep(), this, preferLocal: false);
        }

        return new ValueTask<long>(value);
    }

    /// <summary>Removes every counter whose window has ended.</summary>
    internal void Sweep()
    {
        try
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            foreach (var entry in _counters)
            {
                if (entry.Value.WindowEndTicks <= now)
                {
                    _counters.TryRemove(entry);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private sealed class Counter(long windowEndTicks)
    {
        public readonly long WindowEndTicks = windowEndTicks;

        public long Value;
    }
}
