using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>
/// Kong's passive health checks, in the YARP proxy pipeline after load balancing: observes each forwarding attempt to
/// an upstream target and counts it (connect/transport failure → tcp failure, timeout → timeout, else the response
/// status against the passive healthy/unhealthy lists). Passive counters only take a target out; they never bring it
/// back. Upstreams whose passive thresholds are all 0 pass straight through (no state machine, no allocation).
/// </summary>
internal sealed class UpstreamPassiveHealthMiddleware(RequestDelegate next, UpstreamRuntimeCatalog catalog, UpstreamHealthRegistry health)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proxy = context.Features.Get<IReverseProxyFeature>();
        var upstream = proxy is null ? null : catalog.ForCluster(proxy.Cluster.Config.ClusterId);
        return upstream is null || !upstream.Health.PassiveEnabled ? next(context) : ObserveAsync(context, proxy!, upstream);
    }

    private async Task ObserveAsync(HttpContext context, IReverseProxyFeature proxy, CompiledUpstream upstream)
    {
        await next(context);
        if (proxy.ProxiedDestination is not { } destination || !upstream.TargetIndexes.TryGetValue(destination.DestinationId, out var index))
        {
            return;
        }

        var checks = upstream.Health;
        var status = context.Response.StatusCode;
        var report = Classify(context.Features.Get<IForwarderErrorFeature>(), checks, status);
        if (report is { } outcome)
        {
            health.Report(upstream.Id, upstream.Name, upstream.Targets[index].Target, outcome, checks.Passive, HealthSources.Passive, status);
        }
    }

    /// <summary>The report of one attempt, or null when it says nothing about the target (client aborts, other statuses).</summary>
    internal static HealthReport? Classify(IForwarderErrorFeature? error, CompiledHealthchecks checks, int status)
    {
        if (error is not null && error.Error != ForwarderError.None)
        {
            if (error.Error == ForwarderError.RequestTimedOut || HasTimeout(error.Exception))
            {
                return HealthReport.Timeout;
            }

            return error.Error switch
            {
                ForwarderError.Request or ForwarderError.RequestBodyDestination or ForwarderError.ResponseHeaders
                    or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeRequestDestination
                    or ForwarderError.UpgradeResponseDestination => HealthReport.TcpFailure,
                _ => null,
            };
        }

        return checks.PassiveType == HealthcheckTypes.Tcp
            ? HealthReport.Success
            : CompiledHealthchecks.Classify(checks.PassiveHealthyStatuses, checks.PassiveUnhealthyStatuses, status);
    }

    private static bool HasTimeout(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
