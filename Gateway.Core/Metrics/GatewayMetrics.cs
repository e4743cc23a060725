using Prometheus;

namespace ApiManager.Gateway.Metrics;

/// <summary>
/// The gateway's Prometheus collectors, in a registry of their own (so several hosts in one process never clash).
/// Label children are resolved once per API when a snapshot is built (<see cref="For"/>), never per request.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>The <c>api</c> label of requests that matched no API.</summary>
    public const string UnmatchedApi = "_unmatched";

    // Index i counts statuses i*100–i*100+99; index 0 takes anything out of range.
    private static readonly string[] StatusClasses = ["other", "1xx", "2xx", "3xx", "4xx", "5xx"];

    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Gauge _configVersion;
    private readonly Gauge _routes;
    private readonly Counter _rebuildFailures;
    private readonly Lock _labelsLock = new();
    private HashSet<(string Api, string Version)> _exported = [];

    public GatewayMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Factory = factory;
        var noExemplars = ExemplarBehavior.NoExemplars();
        _requests = factory.CreateCounter(
            "apimanager_gateway_requests_total",
            "Requests answered by the gateway, per API and status class.",
            new CounterConfiguration { LabelNames = ["api", "version", "status_class"], ExemplarBehavior = noExemplars });
        _duration = factory.CreateHistogram(
            "apimanager_gateway_request_duration_seconds",
            "Time from route match to the end of the gateway's handling, per API.",
            new HistogramConfiguration { LabelNames = ["api", "version"], Buckets = LatencyBuckets, ExemplarBehavior = noExemplars });
        _configVersion = factory.CreateGauge("apimanager_gateway_config_version", "Config version of the snapshot serving traffic.");
        _routes = factory.CreateGauge("apimanager_gateway_routes", "Routes in the snapshot serving traffic.");
        _rebuildFailures = factory.CreateCounter(
            "apimanager_gateway_snapshot_rebuild_failures_total",
            "Snapshot rebuilds that failed (the previous snapshot kept serving).",
            new CounterConfiguration { ExemplarBehavior = noExemplars });
        Unmatched = For(UnmatchedApi, "");
    }

    /// <summary>The registry exported at <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Creates further collectors in <see cref="Registry"/> (feature-owned metrics such as admission).</summary>
    public IMetricFactory Factory { get; }

    /// <summary>Meters for requests that matched no API (404 <c>route_not_found</c>).</summary>
    public ApiMeters Unmatched { get; }

    /// <summary>The meters of one API (label children are cached by the collectors, so this is cheap to repeat).</summary>
    public ApiMeters For(string api, string version) =>
        new([.. StatusClasses.Select(statusClass => _requests.WithLabels(api, version, statusClass))], _duration.WithLabels(api, version));

    /// <summary>Records a successful snapshot swap and drops the series of APIs it no longer holds.</summary>
    public void SnapshotActivated(long version, IEnumerable<(string Api, string Version)> apis)
    {
        ArgumentNullException.ThrowIfNull(apis);
        var current = apis.ToHashSet();
        _configVersion.Set(version);
        _routes.Set(current.Count);
        lock (_labelsLock)
        {
            foreach (var (api, apiVersion) in _exported)
            {
                if (!current.Contains((api, apiVersion)))
                {
                    foreach (var statusClass in StatusClasses)
                    {
                        _requests.RemoveLabelled(api, apiVersion, statusClass);
                    }

                    _duration.RemoveLabelled(api, apiVersion);
                }
            }

            _exported = current;
        }
    }

    /// <summary>Counts a failed rebuild.</summary>
    public void RebuildFailed() => _rebuildFailures.Inc();
}
