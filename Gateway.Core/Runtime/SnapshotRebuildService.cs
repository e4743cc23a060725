using ApiManager.Gateway.Management;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// Rebuilds the gateway snapshot after config changes: waits for the in-process signal, lets further changes
/// collect for <see cref="GatewayOptions.RebuildDebounceMs"/>, then rebuilds once. Also polls the config version so
/// writes made by another process or node are noticed.
/// </summary>
internal sealed partial class SnapshotRebuildService(
    ChannelConfigSignal signal,
    DbProxyConfigProvider provider,
    ICatalogReader reader,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger<SnapshotRebuildService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var debounce = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.RebuildDebounceMs));
        var pollInterval = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.ConfigPollIntervalMs));
        using var poll = new PeriodicTimer(pollInterval, timeProvider);
        Task<bool>? signalled = null;
        Task<bool>? polled = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                signalled ??= signal.Reader.WaitToReadAsync(stoppingToken).AsTask();
                polled ??= poll.WaitForNextTickAsync(stoppingToken).AsTask();
                var woke = await Task.WhenAny(signalled, polled);
                if (woke == signalled)
                {
                    signalled = null;
                    if (!await woke)
                    {
                        return;
                    }

                    if (debounce > TimeSpan.Zero)
                    {
                        await Task.Delay(debounce, timeProvider, stoppingToken);
                    }

                    // Every change notified up to now is covered by the read that follows.
                    while (signal.Reader.TryRead(out _))
                    {
                    }

                    await provider.RebuildAsync(stoppingToken);
                }
                else
                {
                    polled = null;
                    await PollAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        long version;
        try
        {
            version = await reader.ReadVersionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PollFailed(logger, ex);
            return;
        }

        if (version != provider.ActiveVersion && version != provider.LastFailedVersion)
        {
            Log.VersionChanged(logger, version, provider.ActiveVersion);
            await provider.RebuildAsync(cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Could not read the gateway config version.")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Config version {Version} found in the database (serving {Active}); rebuilding.")]
        public static partial void VersionChanged(ILogger logger, long version, long active);
    }
}
