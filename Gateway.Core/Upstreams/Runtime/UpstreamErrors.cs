using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>Errors of upstream-served backends.</summary>
internal static class UpstreamErrors
{
    /// <summary>Every target of the upstream is unhealthy or has weight 0 (or the upstream has no targets).</summary>
    public static readonly GatewayError NoHealthyUpstream = new(StatusCodes.Status503ServiceUnavailable, "no_healthy_upstream", "Service Unavailable",
        "No target of the upstream serving this API is healthy.");
}
