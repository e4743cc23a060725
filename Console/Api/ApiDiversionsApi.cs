using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Apis.Diversion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/apis/{id}/diversions</c>: an API's IP diversion rules (caller IP/CIDR → target URL), read and replaced as one list.</summary>
internal static class ApiDiversionsApi
{
    public static RouteGroupBuilder MapApiDiversionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/apis/{id:int}/diversions").WithTags("APIs");
        group.MapGet("", GetAsync).WithName("GetApiDiversions").WithSummary("Reads an API's IP diversion rules in evaluation order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("", ReplaceAsync).WithName("ReplaceApiDiversions")
            .WithSummary("Replaces an API's IP diversion rules (at most 5; source = IP or CIDR, targetUrl = absolute http(s) URL; first match wins).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<ApiDiversionsResponse>> GetAsync(int id, ApiDiversionService diversions, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiDiversionsResponse.From(id, await diversions.ListAsync(id, cancellationToken)));

    internal static async Task<Ok<ApiDiversionsResponse>> ReplaceAsync(int id, ApiDiversionsRequest request, ApiDiversionService diversions, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiDiversionsResponse.From(id, await diversions.ReplaceAsync(id, request?.Rules, AdminApiQuery.Actor(user), cancellationToken)));
}
