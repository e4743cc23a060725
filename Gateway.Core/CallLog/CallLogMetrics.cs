using ApiManager.Gateway.Metrics;
using Prometheus;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// The call log's collectors in the gateway registry: dropped records (the request path only bumps a plain counter;
/// the collector catches up when <c>/metrics</c> is scraped), written and failed rows, and the queue length.
/// </summary>
internal sealed class CallLogMetrics
{
    private readonly Counter _written;
    private readonly Counter _failed;

    public CallLogMetrics(GatewayMetrics metrics, CallLogRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(recorder);
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        var noExemplars = new CounterConfiguration { ExemplarBehavior = ExemplarBehavior.NoExemplars() };
        var dropped = factory.CreateCounter(
            "apimanager_call_log_dropped_total",
            "Call log records dropped because the writer's queue was full.",
            noExemplars);
        _written = factory.CreateCounter("apimanager_call_log_written_total", "Call log rows written to the database.", noExemplars);
        _failed = factory.CreateCounter(
            "apimanager_call_log_failed_total",
            "Call log rows lost because their batch could not be written, even on retry.",
            noExemplars);
        var pending = factory.CreateGauge("apimanager_call_log_queue_length", "Call log records waiting for the writer.");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            dropped.IncTo(recorder.Dropped);
            pending.Set(recorder.Pending);
        });
    }

    /// <summary>Rows written since start.</summary>
    public long Written => (long)_written.Value;

    /// <summary>Rows lost to write failures since start.</summary>
    public long Failed => (long)_failed.Value;

    public void CountWritten(int rows) => _written.Inc(rows);

    public void CountFailed(int rows) => _failed.Inc(rows);
}
