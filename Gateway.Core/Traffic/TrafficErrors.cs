using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Traffic;

/// <summary>Answers of the traffic-control stage.</summary>
internal static class TrafficErrors
{
    public static readonly GatewayError TpsExceeded = new(429, "tps_exceeded", "Too Many Requests",
        "The client made more calls this second than its TPS/Node limit allows on this gateway node; retry after the time in Retry-After.")
    {
        Stage = GatewayStage.ClientLimits,
    };

    public static readonly GatewayError QuotaExceeded = new(429, "quota_exceeded", "Too Many Requests",
        "The client has used its whole API quota for the current period; retry after the time in Retry-After, when the next period starts.")
    {
        Stage = GatewayStage.ClientLimits,
    };

    public static readonly GatewayError GatewayBusy = new(503, "gateway_busy", "Service Unavailable",
        "The gateway node is saturated and could not admit the request in time (higher-priority clients go first); retry after the time in Retry-After.")
    {
        Stage = GatewayStage.Admission,
    };
}
