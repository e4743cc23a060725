using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Runtime;

/// <summary>Learns from YARP when a snapshot's routes are live, and reports it if YARP refused to apply one.</summary>
internal sealed partial class SnapshotChangeListener(
    DbProxyConfigProvider provider,
    GatewayRuntimeStatus status,
    TimeProvider timeProvider,
    ILogger<SnapshotChangeListener> logger) : IConfigChangeListener
{
    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = "The gateway router refused the new configuration: " + exception.Message;
        status.ReportFailure(message, timeProvider.GetUtcNow().UtcDateTime);
        Log.ApplyFailed(logger, exception, message);
    }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        ArgumentNullException.ThrowIfNull(proxyConfigs);
        foreach (var config in proxyConfigs)
        {
            if (config is SnapshotProxyConfig snapshotConfig)
            {
                provider.MarkApplied(snapshotConfig.Snapshot.Version);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Message}")]
        public static partial void ApplyFailed(ILogger logger, Exception exception, string message);
    }
}
