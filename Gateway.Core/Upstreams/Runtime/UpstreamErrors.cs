using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>Errors of upstream-served backends.</summary>
internal static class UpstreamErrors
{
    /// <summary>Every target of the upstream is unhealthy or has weight 0 (or the upstream has no targets).</summary>
    public static readonly GatewayError NoHealthyUpstream = new(StatusCodes.Status503ServiceUnavailable, "no_healthy_upstream", "Service Unavailable",
        "No target of the upstream serving this API is healthy.");

    /// <summary><c>no_healthy_upstream</c> when an upstream cluster had no destination to offer; otherwise <paramref name="otherwise"/>.</summary>
    public static GatewayError? For(HttpContext context, ForwarderError error, GatewayError? otherwise)
    {
        if (error == ForwarderError.NoAvailableDestinations
            && context.GetReverseProxyFeature()?.Cluster?.Config.Metadata is { } metadata
            && metadata.ContainsKey(UpstreamLoadBalancingPolicy.MetadataKey))
        {
            return NoHealthyUpstream;
        }

        return otherwise;
    }
}
