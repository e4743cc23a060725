using System.Collections.Concurrent;
using System.Globalization;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// Per-node health of every upstream target, keyed by upstream id and target. <see cref="Version"/> changes whenever
/// any flag changes, so balancers rebuild their views only then and read one integer per pick otherwise.
/// </summary>
public sealed class UpstreamHealthRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, TargetHealthState> _states = new(StringComparer.OrdinalIgnoreCase);
    private int _version;

    /// <summary>Changes whenever a target's health flag changes.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>The state of a target (created healthy on first use).</summary>
    public TargetHealthState Get(int upstreamId, string target) =>
        _states.GetOrAdd(Key(upstreamId, target), static _ => new TargetHealthState());

    /// <summary>Marks a target healthy or unhealthy; returns true when the flag changed.</summary>
    public bool Set(int upstreamId, string target, bool healthy, string by)
    {
        var changed = Get(upstreamId, target).Set(healthy, timeProvider.GetUtcNow().UtcDateTime, by);
        Interlocked.Increment(ref _version);
        return changed;
    }

    /// <summary>Forgets a removed target (a target added again starts healthy).</summary>
    public void Forget(int upstreamId, string target)
    {
        if (_states.TryRemove(Key(upstreamId, target), out _))
        {
            Interlocked.Increment(ref _version);
        }
    }

    private static string Key(int upstreamId, string target) => upstreamId.ToString(CultureInfo.InvariantCulture) + "|" + target;
}
