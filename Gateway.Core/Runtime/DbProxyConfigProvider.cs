using ApiManager.Gateway.Metrics;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// YARP's config source: the active <see cref="GatewaySnapshot"/>. The first load runs synchronously when YARP first
/// asks (inside <c>MapReverseProxy</c>) and its failure fails startup; later rebuilds (<see cref="RebuildAsync"/>) swap
/// the snapshot atomically, or keep the last good one and report the failure.
/// </summary>
internal sealed partial class DbProxyConfigProvider(
    ICatalogReader reader,
    IConfigValidator validator,
    GatewayRuntimeStatus status,
    GatewayMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DbProxyConfigProvider> logger,
    IEnumerable<ISnapshotObserver>? observers = null,
    Plugins.Runtime.PluginRegistry? plugins = null) : IProxyConfigProvider, IDisposable
{
    private readonly Lock _initialLoad = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private SnapshotProxyConfig? _config;
    private long _appliedVersion;
    private readonly ISnapshotObserver[] _observers = observers?.ToArray() ?? [];

    /// <summary>The snapshot serving traffic, or null before the first load.</summary>
    public GatewaySnapshot? Current => Volatile.Read(ref _config)?.Snapshot;

    /// <summary>The config version of the snapshot serving traffic (0 before the first load).</summary>
    public long ActiveVersion => Current?.Version ?? 0;

    /// <summary>The config version whose routes YARP has applied (routing uses them from the next request on).</summary>
    public long AppliedVersion => Volatile.Read(ref _appliedVersion);

    /// <summary>The version whose rebuild failed last (so polling does not retry it in a loop), or null.</summary>
    public long? LastFailedVersion { get; private set; }

    public IProxyConfig GetConfig()
    {
        var config = Volatile.Read(ref _config);
        if (config is not null)
        {
            return config;
        }

        lock (_initialLoad)
        {
            if (_config is null)
            {
                try
                {
                    // YARP asks synchronously during MapReverseProxy, before the host starts: block on the first load.
                    Activate(LoadAsync(CancellationToken.None).GetAwaiter().GetResult());
                }
                catch (Exception ex)
                {
                    ReportFailure(ex, null);
                    throw new InvalidOperationException("The gateway configuration could not be loaded from the database: " + ex.Message, ex);
                }
            }

            return _config!;
        }
    }

    /// <summary>Reads, builds and validates a new snapshot and swaps it in; on failure the current one keeps serving.</summary>
    /// <returns>True when a new snapshot was activated.</returns>
    public async Task<bool> RebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        long? version = null;
        try
        {
            var rows = await reader.ReadAsync(cancellationToken);
            version = rows.Version;
            Activate(await BuildAsync(rows));
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            ReportFailure(ex, version);
            return false;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose() => _rebuild.Dispose();

    /// <summary>Called when YARP has applied the routes of <paramref name="version"/>.</summary>
    internal void MarkApplied(long version) => Volatile.Write(ref _appliedVersion, version);

    private async Task<GatewaySnapshot> LoadAsync(CancellationToken cancellationToken) =>
        await BuildAsync(await reader.ReadAsync(cancellationToken));

    private async Task<GatewaySnapshot> BuildAsync(CatalogRows rows)
    {
        var snapshot = SnapshotBuilder.Build(rows, timeProvider.GetUtcNow().UtcDateTime, metrics, plugins);

        // YARP would reject a bad route or cluster only when applying it; check here so a bad config is a failed build.
        var problems = new List<string>();
        foreach (var route in snapshot.RouteConfigs)
        {
            foreach (var error in await validator.ValidateRouteAsync(route))
            {
                problems.Add($"Route '{route.RouteId}' ({route.Match.Path}): {error.Message}");
            }
        }

        foreach (var cluster in snapshot.ClusterConfigs)
        {
            foreach (var error in await validator.ValidateClusterAsync(cluster))
            {
                problems.Add($"Cluster '{cluster.ClusterId}': {error.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new SnapshotBuildException(problems);
        }

        return snapshot;
    }

    private void Activate(GatewaySnapshot snapshot)
    {
        var previous = Interlocked.Exchange(ref _config, new SnapshotProxyConfig(snapshot));
        LastFailedVersion = null;
        metrics.SnapshotActivated(snapshot.Version, snapshot.Routes.Values.Select(r => (r.Name, r.Version)));
        status.ReportSuccess(snapshot.Version, snapshot.BuiltAt, snapshot.Routes.Count);
        Log.Activated(logger, snapshot.Version, snapshot.Routes.Count, snapshot.ClusterConfigs.Count);
        foreach (var observer in _observers)
        {
            observer.Activated(snapshot);
        }

        previous?.SignalChange();
    }

    private void ReportFailure(Exception exception, long? version)
    {
        LastFailedVersion = version;
        metrics.RebuildFailed();
        var active = Current;
        var what = version is { } v ? $"config version {v}" : "the configuration";
        var keeping = active is null ? "no snapshot is serving yet" : $"still serving config version {active.Version}";
        var message = $"Gateway rebuild of {what} failed ({keeping}): {exception.Message}";
        status.ReportFailure(message, timeProvider.GetUtcNow().UtcDateTime);
        Log.RebuildFailed(logger, exception, message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Gateway snapshot of config version {Version} is active: {Routes} routes, {Clusters} clusters.")]
        public static partial void Activated(ILogger logger, long version, int routes, int clusters);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "{Message}")]
        public static partial void RebuildFailed(ILogger logger, Exception exception, string message);
    }
}
