using ApiManager.Gateway.Metrics;
using Prometheus;

namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>
/// Target health in Prometheus: <c>apimanager_upstream_target_health_changes_total{upstream,target,state}</c> and
/// <c>apimanager_upstream_target_healthy{upstream,target}</c> (1 healthy, 0 unhealthy or weight 0), in the gateway's registry.
/// </summary>
public sealed class UpstreamHealthMetrics
{
    private readonly Counter _changes;
    private readonly Gauge _healthy;
    private readonly Lock _labelsLock = new();
    private HashSet<(string Upstream, string Target)> _exported = [];

    internal UpstreamHealthMetrics(GatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _changes = metrics.Factory.CreateCounter(
            "apimanager_upstream_target_health_changes_total",
            "Health flag changes of upstream targets on this node, per new state.",
            new CounterConfiguration { LabelNames = ["upstream", "target", "state"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _healthy = metrics.Factory.CreateGauge(
            "apimanager_upstream_target_healthy",
            "1 when an upstream target may receive traffic on this node (healthy, weight above 0), else 0.",
            new GaugeConfiguration { LabelNames = ["upstream", "target"] });
    }

    /// <summary>Counts a flag change and sets the gauge.</summary>
    public void Changed(string upstream, string target, bool healthy)
    {
        _changes.WithLabels(upstream, target, healthy ? UpstreamTargetHealth.Healthy : UpstreamTargetHealth.Unhealthy).Inc();
        _healthy.WithLabels(upstream, target).Set(healthy ? 1 : 0);
    }

    /// <summary>Sets the gauge of every target in the snapshot and drops the series of targets it no longer holds.</summary>
    internal void Track(IEnumerable<(string Upstream, string Target, bool Up)> targets)
    {
        var current = new HashSet<(string Upstream, string Target)>();
        lock (_labelsLock)
        {
            foreach (var (upstream, target, up) in targets)
            {
                current.Add((upstream, target));
                _healthy.WithLabels(upstream, target).Set(up ? 1 : 0);
            }

            foreach (var (upstream, target) in _exported)
            {
                if (!current.Contains((upstream, target)))
                {
                    _healthy.RemoveLabelled(upstream, target);
                }
            }

            _exported = current;
        }
    }
}
