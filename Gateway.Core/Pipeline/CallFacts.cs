using System.Diagnostics;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// What the pipeline learned about one gateway request, filled in by each stage and read once the response is done
/// (by the call log). One instance per gateway request, set on <c>HttpContext.Features</c> by
/// <see cref="GatewayRequestMiddleware"/>; stages reach it with <see cref="Of"/>.
/// </summary>
internal sealed class CallFacts
{
    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the gateway started on the request.</summary>
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    /// <summary>The API's route, once the request matched one.</summary>
    public RouteInfo? Route { get; set; }

    /// <summary>The stage that rejected the request or answered it itself; null when it was forwarded to the backend.</summary>
    public GatewayStage? Stage { get; private set; }

    /// <summary>The error the gateway answered with, when it rejected the request.</summary>
    public GatewayError? Error { get; private set; }

    /// <summary>The plugin that rejected or answered the request (stage <see cref="GatewayStage.Plugin"/> or pre-authentication).</summary>
    public PluginType? Plugin { get; private set; }

    /// <summary>The client a credential identified before a later check refused the call (TPS, quota, status, access).</summary>
    public Credentials.Runtime.CallerFeature? RefusedCaller { get; set; }

    /// <summary><c>Hit</c>, <c>Miss</c> or <c>Bypass</c> when a proxy-cache plugin looked at the request.</summary>
    public string? CacheStatus { get; set; }

    /// <summary>The backend's status code, 0 when the request never reached the backend or it gave no answer.</summary>
    public int BackendStatus { get; set; }

    /// <summary>The target URL of the API IP diversion rule that matched the caller; null when not diverted.</summary>
    public string? DivertedTo { get; set; }

    /// <summary>Stopwatch ticks spent forwarding to the backend (0 when not forwarded).</summary>
    public long BackendTicks { get; set; }

    /// <summary>The destination the last forwarding attempt went to (upstream target or backend address); null when not forwarded.</summary>
    public string? Target { get; set; }

    /// <summary>Forwarding attempts made after the first one (0 when the first attempt was the only one).</summary>
    public int Retries { get; set; }

    /// <summary>The facts of <paramref name="context"/>'s request, or null outside the gateway listener.</summary>
    public static CallFacts? Of(HttpContext context) => context.Features.Get<CallFacts>();

    /// <summary>Records that <paramref name="stage"/> rejected the request with <paramref name="error"/>.</summary>
    public void Reject(GatewayStage stage, GatewayError error, PluginType? plugin = null)
    {
        Stage = stage;
        Error = error;
        Plugin = plugin;
    }

    /// <summary>Records that <paramref name="plugin"/> answered the request itself (mock response, cache hit, CORS preflight).</summary>
    public void Answer(GatewayStage stage, PluginType plugin)
    {
        Stage = stage;
        Error = null;
        Plugin = plugin;
    }
}
