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
}
