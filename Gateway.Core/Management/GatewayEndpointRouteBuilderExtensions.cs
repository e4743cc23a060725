using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the gateway listener's endpoints: proxied APIs, health, metrics.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Patterns of the endpoints the gateway maps besides the proxied APIs.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Readiness endpoint path.</summary>
    public const string ReadyPath = "/readyz";

    /// <summary>Prometheus endpoint path (console listener).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Adds the gateway's middleware and endpoints to <paramref name="app"/>: the request-id middleware (gateway listener
    /// only), one YARP endpoint per API behind the API policy step, a 404 fallback on the gateway listener, health on both
    /// listeners and <c>/metrics</c> on the console listener. The database must be migrated before: the first
    /// configuration load happens here and fails startup if it fails.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<GatewayRequestMiddleware>();
        app.UseOAuthServer();

        app.MapReverseProxy(proxy =>
            {
                proxy.UseMiddleware<ApiPolicyMiddleware>();
                proxy.UseMiddleware<ApiManager.Gateway.Apis.Diversion.ApiDiversionMiddleware>();
                proxy.UseMiddleware<ApiManager.Gateway.Forwarding.ForwardRetryMiddleware>();
                // The overload with a pipeline replaces YARP's default steps: add them back after ours.
                proxy.UseSessionAffinity();
                proxy.UseLoadBalancing();
                proxy.UseMiddleware<ApiManager.Gateway.Upstreams.Runtime.Health.UpstreamPassiveHealthMiddleware>();
                proxy.UsePassiveHealthChecks();
            })
            .WithMetadata(ListenerMetadata.Gateway);

        app.MapFallback("{**path}", RouteNotFoundEndpoint.Handle)
            .WithMetadata(ListenerMetadata.Gateway)
            .WithDisplayName("Gateway route not found")
            .AllowAnonymous();

        app.MapMethods(HealthPath, [HttpMethods.Get, HttpMethods.Head], HealthEndpoints.Live)
            .WithMetadata(ListenerMetadata.Both)
            .WithDisplayName("Health")
            .ExcludeFromDescription()
            .AllowAnonymous();
        app.MapMethods(ReadyPath, [HttpMethods.Get, HttpMethods.Head], HealthEndpoints.Ready)
            .WithMetadata(ListenerMetadata.Both)
            .WithDisplayName("Readiness")
            .ExcludeFromDescription()
            .AllowAnonymous();
        app.MapGet(MetricsPath, MetricsEndpoint.Export)
            .WithMetadata(ListenerMetadata.Console)
            .WithDisplayName("Prometheus metrics")
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}
