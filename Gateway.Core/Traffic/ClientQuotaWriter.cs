using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// Persists the API quota usage counted by <see cref="ClientQuotaCounter"/>: one write per queued client per round
/// (<see cref="PacedFlushWriter{T}.FlushInterval"/>), so the database is at most that far behind memory; drained on shutdown.
/// </summary>
internal sealed partial class ClientQuotaWriter(
    ClientQuotaCounter counter,
    ClientQuotaService quotas,
    ILogger<ClientQuotaWriter> logger) : PacedFlushWriter<int>(counter.Flushes)
{
    protected internal override Task PersistAsync(int item, CancellationToken cancellationToken) =>
        quotas.WriteAsync(item, cancellationToken);

    protected override void LogFailure(Exception exception, int item) => Log.WriteFailed(logger, exception, item);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Error, Message = "Could not store the API quota usage of client {ClientId}.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, int clientId);
    }
}
