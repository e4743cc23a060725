using System.Collections.Frozen;
using ApiManager.Gateway.Runtime;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>The compiled upstreams of the snapshot serving traffic, keyed by YARP cluster id.</summary>
internal sealed class UpstreamRuntimeCatalog : ISnapshotObserver
{
    private FrozenDictionary<string, CompiledUpstream> _byCluster = FrozenDictionary<string, CompiledUpstream>.Empty;

    /// <summary>The upstream serving <paramref name="clusterId"/>, or null.</summary>
    public CompiledUpstream? ForCluster(string clusterId) =>
        Volatile.Read(ref _byCluster).TryGetValue(clusterId, out var upstream) ? upstream : null;

    public void Activated(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _byCluster, snapshot.Upstreams);
    }
}
