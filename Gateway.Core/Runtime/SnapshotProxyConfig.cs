using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Runtime;

/// <summary>What YARP sees of one snapshot: its routes and clusters, and a token cancelled when the next one replaces it.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "YARP may still observe the token of a superseded config; like YARP's InMemoryConfigProvider, the source is cancelled, never disposed.")]
internal sealed class SnapshotProxyConfig : IProxyConfig
{
    private readonly CancellationTokenSource _changed = new();

    public SnapshotProxyConfig(GatewaySnapshot snapshot)
    {
        Snapshot = snapshot;
        ChangeToken = new CancellationChangeToken(_changed.Token);
    }

    public GatewaySnapshot Snapshot { get; }

    public string RevisionId => Snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<RouteConfig> Routes => Snapshot.RouteConfigs;

    public IReadOnlyList<ClusterConfig> Clusters => Snapshot.ClusterConfigs;

    public IChangeToken ChangeToken { get; }

    /// <summary>Tells YARP this config is superseded.</summary>
    public void SignalChange() => _changed.Cancel();
}
