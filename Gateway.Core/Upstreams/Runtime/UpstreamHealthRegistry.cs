using System.Collections.Concurrent;
using System.Globalization;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// Per-node health of every upstream target, keyed by upstream id and target. <see cref="Version"/> changes whenever
/// any flag changes, so balancers rebuild their views only then and read one integer per pick otherwise. Every flag
/// change (manual, active or passive) goes through <see cref="Set"/>, which logs it and updates the metrics.
/// </summary>
public sealed partial class UpstreamHealthRegistry(TimeProvider timeProvider, ILogger<UpstreamHealthRegistry>? logger = null, UpstreamHealthMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<(int UpstreamId, string Target), TargetHealthState> _states = new();
    private readonly ILogger _logger = logger ?? NullLogger<UpstreamHealthRegistry>.Instance;
    private int _version;

    /// <summary>Changes whenever a target's health flag changes.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>The state of a target (created healthy on first use).</summary>
    public TargetHealthState Get(int upstreamId, string target) =>
        _states.GetOrAdd((upstreamId, target), static _ => new TargetHealthState());

    /// <summary>Marks a target healthy or unhealthy (clearing its counters); returns true when the flag changed.</summary>
    public bool Set(int upstreamId, string target, bool healthy, string by, string? upstreamName = null, string? reason = null) =>
        Apply(upstreamId, target, healthy, by, upstreamName, reason, onlyOnChange: false);

    /// <summary>
    /// Sets the flag. With <paramref name="onlyOnChange"/> (a counter reached its threshold) nothing is touched when the
    /// flag already has that value: concurrent reports that all reached the threshold flip the target once.
    /// </summary>
    private bool Apply(int upstreamId, string target, bool healthy, string by, string? upstreamName, string? reason, bool onlyOnChange)
    {
        var changed = Get(upstreamId, target).Set(healthy, timeProvider.GetUtcNow().UtcDateTime, by, reason, onlyOnChange);
        if (changed || !onlyOnChange)
        {
            Interlocked.Increment(ref _version);
        }

        if (changed)
        {
            var upstream = upstreamName ?? upstreamId.ToString(CultureInfo.InvariantCulture);
            if (healthy)
            {
                LogHealthy(_logger, upstream, target, by, reason ?? "");
            }
            else
            {
                LogUnhealthy(_logger, upstream, target, by, reason ?? "");
            }

            metrics?.Changed(upstream, target, healthy);
        }

        return changed;
    }

    /// <summary>
    /// Counts a health-check outcome for a target and flips its flag when a counter reaches its threshold (passive
    /// thresholds never flip a target to healthy). <paramref name="detail"/> describes the outcome for the log
    /// ("HTTP 500", "timeout", …); when null, <paramref name="status"/> does.
    /// </summary>
    internal void Report(int upstreamId, string upstreamName, string target, HealthReport report, HealthThresholds thresholds, string source, int status = 0, string? detail = null)
    {
        var state = Get(upstreamId, target);
        var count = state.Record(report, thresholds);
        if (count > 0)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"{count} {Describe(report)}, last {detail ?? (report == HealthReport.HttpFailure || report == HealthReport.Success ? "HTTP " + status.ToString(CultureInfo.InvariantCulture) : Describe(report))}");
            Apply(upstreamId, target, report == HealthReport.Success, source, upstreamName, reason, onlyOnChange: true);
        }
    }

    /// <summary>Keeps the result of an active probe for display.</summary>
    internal void SetProbe(int upstreamId, string target, string result) =>
        Get(upstreamId, target).SetProbe(new TargetProbe(result, timeProvider.GetUtcNow().UtcDateTime));

    /// <summary>Forgets a removed target (a target added again starts healthy).</summary>
    public void Forget(int upstreamId, string target)
    {
        if (_states.TryRemove((upstreamId, target), out _))
        {
            Interlocked.Increment(ref _version);
        }
    }

    private static string Describe(HealthReport report) => report switch
    {
        HealthReport.Success => "successes",
        HealthReport.HttpFailure => "http failures",
        HealthReport.TcpFailure => "tcp failures",
        _ => "timeouts",
    };

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Upstream '{Upstream}' target {Target} is now unhealthy ({Source}): {Reason}")]
    private static partial void LogUnhealthy(ILogger logger, string upstream, string target, string source, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Upstream '{Upstream}' target {Target} is now healthy ({Source}): {Reason}")]
    private static partial void LogHealthy(ILogger logger, string upstream, string target, string source, string reason);
}
