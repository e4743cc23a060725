namespace ApiManager.Gateway.Runtime;

/// <summary>Keys of our values in YARP route and cluster metadata.</summary>
internal static class GatewayMetadataKeys
{
    /// <summary>Cluster: backend connect timeout in milliseconds (read by the forwarder client factory).</summary>
    public const string ConnectTimeoutMs = "ApiManager.ConnectTimeoutMs";

    /// <summary>Cluster: backend write timeout in milliseconds.</summary>
    public const string WriteTimeoutMs = "ApiManager.WriteTimeoutMs";

    /// <summary>Cluster: retries configured for the backend (used by the upstreams stage).</summary>
    public const string Retries = "ApiManager.Retries";

    /// <summary>Cluster: backend name.</summary>
    public const string BackendName = "ApiManager.Backend";

    /// <summary>Route: API name and version.</summary>
    public const string Api = "ApiManager.Api";
}
