using ApiManager.Gateway.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Pipeline;

/// <summary>The gateway's fallback: any path no API claims answers 404 <c>route_not_found</c>.</summary>
internal static class RouteNotFoundEndpoint
{
    public static Task Handle(HttpContext context)
    {
        CallFacts.Of(context)?.Reject(GatewayStage.Routing, GatewayError.RouteNotFound);
        context.RequestServices.GetRequiredService<GatewayMetrics>().Unmatched.Count(GatewayError.RouteNotFound.Status);
        return GatewayProblem.WriteAsync(context, GatewayError.RouteNotFound);
    }
}
