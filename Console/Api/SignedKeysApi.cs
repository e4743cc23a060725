using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.SignedKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/clients/{clientId}/signed-keys</c>: a client's signed API keys (DGRK). Creating answers the API key
/// and secret key once; no other response carries the secret.
/// </summary>
internal static class SignedKeysApi
{
    public static RouteGroupBuilder MapSignedKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients/{clientId}/signed-keys").WithTags("Signed API keys");
        group.MapGet("", ListAsync).WithName("ListSignedKeys").WithSummary("The client's signed API keys (newest first), secrets masked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateSignedKey")
            .WithSummary("Issues an API key + secret key (expiresAt required, timesQuota −1 or ≥ 1, apiIds required); the secret is returned only here and mailed to the client.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/revoke", RevokeAsync).WithName("RevokeSignedKey").WithSummary("Revokes the key: the gateway refuses it from its next snapshot on.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/extend", ExtendAsync).WithName("ExtendSignedKey")
            .WithSummary("Sets a new expiry and/or quota of a key that is not revoked; 409 for a revoked key.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteSignedKey").WithSummary("Deletes the key.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<IReadOnlyList<SignedKeyResponse>>> ListAsync(string clientId, ApiClientService clients, SignedKeyService keys, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var list = await keys.ListAsync(client.Id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SignedKeyResponse>>([.. list.Select(SignedKeyResponse.From)]);
    }

    internal static async Task<Created<CreatedSignedKeyResponse>> CreateAsync(
        string clientId, SignedKeyInput input, ApiClientService clients, SignedKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var created = await keys.CreateAsync(client.Id, input, AdminApiQuery.Actor(user), cancellationToken);
        var key = await keys.FindAsync(client.Id, created.Key.Id, cancellationToken) ?? created.Key;
        return TypedResults.Created(
            $"{AdminApiExtensions.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}/signed-keys/{created.Key.Id}",
            new CreatedSignedKeyResponse(SignedKeyResponse.From(key), created.ApiKey, created.SecretKey, created.MailId));
    }

    internal static async Task<Ok<SignedKeyResponse>> RevokeAsync(string clientId, long id, ApiClientService clients, SignedKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await keys.RevokeAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(SignedKeyResponse.From(await RequireKeyAsync(client.Id, id, keys, cancellationToken)));
    }

    internal static async Task<Ok<SignedKeyResponse>> ExtendAsync(
        string clientId, long id, SignedKeyExtendRequest request, ApiClientService clients, SignedKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await keys.ExtendAsync(client.Id, id, request.ExpiresAt, request.TimesQuota, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(SignedKeyResponse.From(await RequireKeyAsync(client.Id, id, keys, cancellationToken)));
    }

    internal static async Task<NoContent> DeleteAsync(string clientId, long id, ApiClientService clients, SignedKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await keys.DeleteAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<SignedApiKey> RequireKeyAsync(int clientId, long id, SignedKeyService keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(clientId, id, cancellationToken) ?? throw new EntityNotFoundException("Signed API key", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
