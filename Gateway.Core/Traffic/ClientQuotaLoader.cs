using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Traffic;

/// <summary>Reloads the stored API quota usage when the host starts, before the gateway takes traffic.</summary>
internal sealed partial class ClientQuotaLoader(ClientQuotaService quotas, ILogger<ClientQuotaLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = await quotas.LoadAsync(cancellationToken);
        Log.Loaded(logger, loaded);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Loaded the stored API quota usage of {Count} clients.")]
        public static partial void Loaded(ILogger logger, int count);
    }
}
