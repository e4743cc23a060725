using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.XApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/clients/{clientId}/x-api-keys</c>: a client's X-Api-Keys. Creating one returns the key once (and
/// queues a mail with it to the client's addresses); no other response carries it.
/// </summary>
internal static class XApiKeysApi
{
    public static RouteGroupBuilder MapXApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients/{clientId}/x-api-keys").WithTags("X-Api-Keys").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListAsync).WithName("ListClientXApiKeys").WithSummary("Lists the client's X-Api-Keys (alias, mask, dates, groups, status), newest first.");
        group.MapGet("/group-choices", ListGroupChoicesAsync).WithName("ListClientXApiKeyGroupChoices")
            .WithSummary("The groups a key of this client may carry: those it holds directly or through its scopes.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetClientXApiKey").WithSummary("Reads one of the client's X-Api-Keys.");
        group.MapPost("", CreateAsync).WithName("CreateClientXApiKey")
            .WithSummary("Creates an X-Api-Key: alias, optional effectiveDate, expiryDate and groupIds (dates are days in the client's time zone). "
                + "The key is in this response only; it is also mailed to the client's emails.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPost("/{id:int}/revoke", RevokeAsync).WithName("RevokeClientXApiKey")
            .WithSummary("Revokes an X-Api-Key: the gateway refuses it from its next snapshot; 409 when already revoked.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteClientXApiKey").WithSummary("Deletes an X-Api-Key.")
            .RequireAuthorization(AdminApiPolicies.Write);
        return api;
    }

    internal static async Task<Ok<IReadOnlyList<XApiKeyResponse>>> ListAsync(string clientId, ApiClientService clients, XApiKeyService keys, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var list = await keys.ListAsync(client.Id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<XApiKeyResponse>>([.. list.Select(XApiKeyResponse.From)]);
    }

    internal static async Task<Ok<IReadOnlyList<XApiKeyGroupRef>>> ListGroupChoicesAsync(string clientId, ApiClientService clients, XApiKeyService keys, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        return TypedResults.Ok(await keys.ListGroupChoicesAsync(client.Id, cancellationToken));
    }

    internal static async Task<Ok<XApiKeyResponse>> GetAsync(string clientId, int id, ApiClientService clients, XApiKeyService keys, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var key = await keys.FindAsync(client.Id, id, cancellationToken) ?? throw new EntityNotFoundException("X-Api-Key", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Ok(XApiKeyResponse.From(key));
    }

    internal static async Task<Created<CreatedXApiKeyResponse>> CreateAsync(
        string clientId, XApiKeyInput input, ApiClientService clients, XApiKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var created = await keys.CreateAsync(client.Id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created(
            $"{AdminApiExtensions.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}/x-api-keys/{created.XApiKey.Id}",
            CreatedXApiKeyResponse.From(created));
    }

    internal static async Task<Ok<XApiKeyResponse>> RevokeAsync(string clientId, int id, ApiClientService clients, XApiKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        return TypedResults.Ok(XApiKeyResponse.From(await keys.RevokeAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken)));
    }

    internal static async Task<NoContent> DeleteAsync(string clientId, int id, ApiClientService clients, XApiKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await keys.DeleteAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
