using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>DELETE /admin/api/v1/apis/{id}/cache</c>: purges the API's proxy-cache entries on this node.</summary>
internal static class ProxyCacheApi
{
    public static RouteGroupBuilder MapProxyCacheApi(this RouteGroupBuilder api)
    {
        api.MapDelete("/apis/{id:int}/cache", PurgeAsync).WithTags("APIs").WithName("PurgeApiCache")
            .WithSummary("Removes every response the proxy-cache plugin holds for the API; answers how many were removed.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<CachePurgeResponse>> PurgeAsync(int id, ProxyCachePurgeService purge, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var purged = await purge.PurgeAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(new CachePurgeResponse(id, purged));
    }
}
