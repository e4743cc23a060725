using ApiManager.Gateway.Upstreams.Runtime.Health;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// The runtime health of one target on this node (not persisted, not shared across nodes, like Kong): the flag the
/// balancer reads, the health-check counters and the last active probe. Counters follow Kong's rules: a success clears
/// the failure counters and a failure clears the successes; a report that agrees with the current state is not counted
/// (successes of a healthy target, failures of an unhealthy one). Counting is lock-free (passive checks run per request).
/// </summary>
public sealed class TargetHealthState
{
    private readonly Lock _changeLock = new();
    private volatile bool _healthy = true;
    private long _changedAtTicks;
    private int _successes;
    private int _httpFailures;
    private int _tcpFailures;
    private int _timeouts;
    private TargetProbe? _lastProbe;

    /// <summary>False once the target was marked unhealthy (by hand or by a health check).</summary>
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

    /// <summary>Who or what set the flag last (<see cref="HealthSources"/>: manual, active, passive).</summary>
    public string? ChangedBy { get; private set; }

    /// <summary>Why the flag was set last (e.g. "3 http failures, last HTTP 500").</summary>
    public string? ChangeReason { get; private set; }

    public int Successes => Volatile.Read(ref _successes);
    public int HttpFailures => Volatile.Read(ref _httpFailures);
    public int TcpFailures => Volatile.Read(ref _tcpFailures);
    public int Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>The last active probe, or null before the first one.</summary>
    public TargetProbe? LastProbe => Volatile.Read(ref _lastProbe);

    /// <summary>
    /// Sets the flag and clears the counters; returns true when the flag changed. With <paramref name="onlyOnChange"/>
    /// nothing is touched when the flag already has that value.
    /// </summary>
    internal bool Set(bool healthy, DateTime now, string by, string? reason = null, bool onlyOnChange = false)
    {
        lock (_changeLock)
        {
            var changed = _healthy != healthy;
            if (!changed && onlyOnChange)
            {
                return false;
            }

            _healthy = healthy;
            ChangedBy = by;
            ChangeReason = reason;
            Interlocked.Exchange(ref _changedAtTicks, now.Ticks);
            Volatile.Write(ref _successes, 0);
            Volatile.Write(ref _httpFailures, 0);
            Volatile.Write(ref _tcpFailures, 0);
            Volatile.Write(ref _timeouts, 0);
            return changed;
        }
    }

    internal void SetProbe(TargetProbe probe) => Volatile.Write(ref _lastProbe, probe);

    /// <summary>
    /// Counts one report; returns the counter value when it reached its non-zero threshold and the flag should flip
    /// (to healthy for a success, to unhealthy for a failure), else 0.
    /// </summary>
    internal int Record(HealthReport report, HealthThresholds thresholds)
    {
        if (report == HealthReport.Success)
        {
            Clear(ref _httpFailures);
            Clear(ref _tcpFailures);
            Clear(ref _timeouts);
            if (_healthy)
            {
                return 0;
            }

            var successes = Interlocked.Increment(ref _successes);
            return thresholds.MayEnable && thresholds.Successes > 0 && successes >= thresholds.Successes ? successes : 0;
        }

        Clear(ref _successes);
        if (!_healthy)
        {
            return 0;
        }

        var count = report switch
        {
            HealthReport.HttpFailure => Interlocked.Increment(ref _httpFailures),
            HealthReport.TcpFailure => Interlocked.Increment(ref _tcpFailures),
            _ => Interlocked.Increment(ref _timeouts),
        };
        var threshold = thresholds.For(report);
        return threshold > 0 && count >= threshold ? count : 0;
    }

    /// <summary>Zeroes a counter, writing only when it is not zero already (no shared-cache-line write on the common path).</summary>
    private static void Clear(ref int counter)
    {
        if (Volatile.Read(ref counter) != 0)
        {
            Interlocked.Exchange(ref counter, 0);
        }
    }
}
