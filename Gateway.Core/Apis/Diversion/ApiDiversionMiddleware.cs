using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>
/// Proxy-pipeline step after <see cref="ApiPolicyMiddleware"/> and before retries and load balancing: when the API has
/// IP diversion rules and the caller's address (the connection's remote address, IPv4-mapped IPv6 as IPv4 — as the
/// ip-restriction plugin sees it) is in one, the request's available destinations become that rule's single destination,
/// so the balancer has nothing to choose. APIs without rules pay one null check.
/// </summary>
internal sealed class ApiDiversionMiddleware(RequestDelegate next, DbProxyConfigProvider provider)
{
    public Task InvokeAsync(HttpContext context)
    {
        var facts = CallFacts.Of(context);
        var diversions = (facts?.Route ?? RouteOf(context))?.Diversions;
        if (diversions is null)
        {
            return next(context);
        }

        var address = context.Connection.RemoteIpAddress;
        if (address is not null && diversions.Match(IpRange.Normalize(address)) is { } rule)
        {
            context.GetReverseProxyFeature().AvailableDestinations = rule.Destination;
            if (facts is not null)
            {
                facts.DivertedTo = rule.TargetUrl;
            }
        }

        return next(context);
    }

    /// <summary>The route's data when the request carries no call facts (the policy step records the route there).</summary>
    private RouteInfo? RouteOf(HttpContext context) =>
        provider.Current is { } snapshot && snapshot.Routes.TryGetValue(context.GetReverseProxyFeature().Route.Config.RouteId, out var route) ? route : null;
}
