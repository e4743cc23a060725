namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// The runtime health of one target on this node (not persisted, not shared across nodes, like Kong). The balancer
/// skips targets whose <see cref="Healthy"/> is false. Health checks will update the counters and the flag.
/// </summary>
public sealed class TargetHealthState
{
    private volatile bool _healthy = true;
    private long _changedAtTicks;

    /// <summary>False once the target was marked unhealthy (by hand, later by health checks).</summary>
    public bool Healthy => _healthy;

    /// <summary>When the flag last changed (UTC), or null if never.</summary>
    public DateTime? ChangedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _changedAtTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>Who or what set the flag last ("manual", later "active"/"passive").</summary>
    public string? ChangedBy { get; private set; }

    /// <summary>Sets the flag; returns true when it changed.</summary>
    internal bool Set(bool healthy, DateTime now, string by)
    {
        var changed = _healthy != healthy;
        _healthy = healthy;
        ChangedBy = by;
        Interlocked.Exchange(ref _changedAtTicks, now.Ticks);
        return changed;
    }
}
