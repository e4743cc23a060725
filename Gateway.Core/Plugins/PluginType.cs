namespace ApiManager.Gateway.Plugins;

/// <summary>The plugin types the gateway runs (stored as text: <see cref="PluginTypes.Name"/>).</summary>
public enum PluginType
{
    RateLimiting = 1,
    IpRestriction = 2,
    Cors = 3,
    RequestTransformer = 4,
    ResponseTransformer = 5,
    UpstreamBasicAuth = 6,
    ProxyCache = 7,
    Sandbox = 8,
}
