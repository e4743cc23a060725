using ApiManager.Gateway.Metrics;
using Prometheus;

namespace ApiManager.Gateway.Forwarding;

/// <summary><c>apimanager_upstream_retries_total</c>: retries made, by the kind of failure that caused them (children resolved once).</summary>
internal sealed class ForwardRetryMetrics
{
    private readonly Counter.Child[] _byKind;

    public ForwardRetryMetrics(GatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var counter = metrics.Factory.CreateCounter(
            "apimanager_upstream_retries_total",
            "Forwarding attempts retried after a failed attempt, by the failure's kind.",
            new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        var kinds = Enum.GetValues<FailureKind>();
        _byKind = new Counter.Child[kinds.Length];
        foreach (var kind in kinds)
        {
            _byKind[(int)kind] = counter.WithLabels(ReasonOf(kind));
        }
    }

    /// <summary>Counts one retry caused by <paramref name="kind"/>.</summary>
    public void Retried(FailureKind kind) => _byKind[(int)kind].Inc();

    /// <summary>The <c>reason</c> label of <paramref name="kind"/>.</summary>
    public static string ReasonOf(FailureKind kind) => kind switch
    {
        FailureKind.ConnectError => "connect_error",
        FailureKind.ConnectTimeout => "connect_timeout",
        FailureKind.ReadTimeout => "read_timeout",
        FailureKind.WriteTimeout => "write_timeout",
        FailureKind.TransportError => "transport_error",
        _ => "other",
    };
}
