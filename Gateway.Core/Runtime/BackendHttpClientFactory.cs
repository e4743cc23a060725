using System.Globalization;
using ApiManager.Gateway.Forwarding;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// YARP's client factory plus the per-backend connect and write timeouts (carried in cluster metadata) and a bounded
/// pooled connection lifetime, so DNS changes are seen. The write timeout is enforced on the socket stream by
/// <see cref="BackendConnector"/>. A client is reused only while its settings, including the timeouts, are unchanged.
/// </summary>
internal sealed class BackendHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    /// <summary>How long one pooled connection to a backend may live before it is replaced.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The connect timeout in a cluster's metadata, or null when absent or invalid.</summary>
    public static TimeSpan? ConnectTimeoutOf(IReadOnlyDictionary<string, string>? metadata) => MillisecondsOf(metadata, GatewayMetadataKeys.ConnectTimeoutMs);

    /// <summary>The write timeout in a cluster's metadata, or null when absent or invalid.</summary>
    public static TimeSpan? WriteTimeoutOf(IReadOnlyDictionary<string, string>? metadata) => MillisecondsOf(metadata, GatewayMetadataKeys.WriteTimeoutMs);

    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context)
        && ConnectTimeoutOf(context.OldMetadata) == ConnectTimeoutOf(context.NewMetadata)
        && WriteTimeoutOf(context.OldMetadata) == WriteTimeoutOf(context.NewMetadata);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        Apply(context.NewMetadata, handler);
    }

    /// <summary>Our settings on top of YARP's: bounded connection lifetime and the backend's connect and write timeouts.</summary>
    internal static void Apply(IReadOnlyDictionary<string, string>? metadata, SocketsHttpHandler handler, TimeProvider? time = null)
    {
        handler.PooledConnectionLifetime = PooledConnectionLifetime;
        if (ConnectTimeoutOf(metadata) is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        if (WriteTimeoutOf(metadata) is { } writeTimeout)
        {
            handler.ConnectCallback = new BackendConnector(writeTimeout, time ?? TimeProvider.System).ConnectAsync;
        }
    }

    private static TimeSpan? MillisecondsOf(IReadOnlyDictionary<string, string>? metadata, string key) =>
        metadata is not null
        && metadata.TryGetValue(key, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
}
