using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/clients/{clientId}/quota</c>: a client's live API quota usage (read) and a manual reset (Administrator).</summary>
internal static class QuotaApi
{
    public static RouteGroupBuilder MapQuotaApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients/{clientId}/quota").WithTags("Clients");
        group.MapGet("", GetAsync).WithName("GetClientQuota")
            .WithSummary("The client's API quota usage in its current period, counted live (0 quota = unlimited).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("", ResetAsync).WithName("ResetClientQuota")
            .WithSummary("Starts the client's current quota period again from zero (audited); answers the new usage.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<ClientQuotaResponse>> GetAsync(string clientId, ClientQuotaService quotas, CancellationToken cancellationToken)
    {
        var usage = await quotas.GetAsync(clientId, cancellationToken);
        return TypedResults.Ok(ClientQuotaResponse.From(clientId.Trim(), usage));
    }

    internal static async Task<Ok<ClientQuotaResponse>> ResetAsync(string clientId, ClientQuotaService quotas, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var usage = await quotas.ResetAsync(clientId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientQuotaResponse.From(clientId.Trim(), usage));
    }
}
