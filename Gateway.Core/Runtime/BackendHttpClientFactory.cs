using System.Globalization;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// YARP's client factory plus the per-backend connect timeout (carried in cluster metadata) and a bounded pooled
/// connection lifetime, so DNS changes are seen. A client is reused only while its settings, including the connect
/// timeout, are unchanged.
/// </summary>
internal sealed class BackendHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    /// <summary>How long one pooled connection to a backend may live before it is replaced.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The connect timeout in a cluster's metadata, or null when absent or invalid.</summary>
    public static TimeSpan? ConnectTimeoutOf(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null
        && metadata.TryGetValue(GatewayMetadataKeys.ConnectTimeoutMs, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context) && ConnectTimeoutOf(context.OldMetadata) == ConnectTimeoutOf(context.NewMetadata);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        Apply(context.NewMetadata, handler);
    }

    /// <summary>Our settings on top of YARP's: bounded connection lifetime and the backend's connect timeout.</summary>
    internal static void Apply(IReadOnlyDictionary<string, string>? metadata, SocketsHttpHandler handler)
    {
        handler.PooledConnectionLifetime = PooledConnectionLifetime;
        if (ConnectTimeoutOf(metadata) is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }
    }
}
