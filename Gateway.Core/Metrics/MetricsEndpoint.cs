using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Metrics;

/// <summary>Serves the gateway's metrics in the Prometheus text format (console listener only).</summary>
internal static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task Export(HttpContext context)
    {
        var metrics = context.RequestServices.GetRequiredService<GatewayMetrics>();
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
