using System.Collections.Frozen;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.XApiKeys.Runtime;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// The immutable gateway configuration serving traffic: our per-route data keyed by YARP route id, and the YARP routes
/// and clusters built from the same catalog rows. Swapped atomically; in-flight requests keep the instance they read.
/// </summary>
internal sealed record GatewaySnapshot
{
    /// <summary>Per-route data, keyed by YARP route id (ordinal).</summary>
    public required FrozenDictionary<string, RouteInfo> Routes { get; init; }

    /// <summary>One YARP route per API.</summary>
    public required IReadOnlyList<RouteConfig> RouteConfigs { get; init; }

    /// <summary>One YARP cluster per backend.</summary>
    public required IReadOnlyList<ClusterConfig> ClusterConfigs { get; init; }

    /// <summary>The API clients the gateway identifies and authorises.</summary>
    public ClientCatalog Clients { get; init; } = ClientCatalog.Empty;

    /// <summary>The X-Api-Keys, by SHA-256.</summary>
    public XApiKeyCatalog XApiKeys { get; init; } = XApiKeyCatalog.Empty;
    /// <summary>The signed API keys (DGRK), secrets still encrypted.</summary>
    public Credentials.SignedKeys.Runtime.SignedKeyCatalog SignedKeys { get; init; } = Credentials.SignedKeys.Runtime.SignedKeyCatalog.Empty;
    /// <summary>Key-auth keys and JWT credentials.</summary>
    public Credentials.Plugins.Runtime.PluginCredentialCatalog PluginCredentials { get; init; } = Credentials.Plugins.Runtime.PluginCredentialCatalog.Empty;

    /// <summary>The upstreams serving backends whose host names them, keyed by YARP cluster id.</summary>
    public FrozenDictionary<string, Upstreams.Runtime.CompiledUpstream> Upstreams { get; init; } = FrozenDictionary<string, Upstreams.Runtime.CompiledUpstream>.Empty;

    /// <summary>Every upstream once, whether a backend uses it or not (active health checks probe them all, as Kong does).</summary>
    public IReadOnlyList<Upstreams.Runtime.CompiledUpstream> AllUpstreams { get; init; } = [];

    /// <summary>The <see cref="ConfigVersion"/> the rows were read at.</summary>
    public required long Version { get; init; }

    /// <summary>When the snapshot was built (UTC).</summary>
    public required DateTime BuiltAt { get; init; }
}
