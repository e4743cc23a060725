using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/apis/{id}/authentication</c> (accepted credential types, forwarding, key-auth / basic-auth / jwt options) and a
/// client's <c>/clients/{clientId}/key-auth</c> keys and <c>/clients/{clientId}/jwt</c> credentials.
/// </summary>
internal static class AuthenticationPluginsApi
{
    public static RouteGroupBuilder MapAuthenticationPluginsApi(this RouteGroupBuilder api)
    {
        var apis = api.MapGroup("/apis").WithTags("APIs");
        apis.MapGet("/{id:int}/authentication", GetSettingsAsync).WithName("GetApiAuthentication")
            .WithSummary("Reads the API's authentication settings.").ProducesProblem(StatusCodes.Status404NotFound);
        apis.MapPut("/{id:int}/authentication", UpdateSettingsAsync).WithName("UpdateApiAuthentication")
            .WithSummary("Replaces the API's authentication settings; a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/{clientId}/key-auth", ListKeysAsync).WithName("ListClientKeyAuth")
            .WithSummary("The client's key-auth keys (masked).").ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{clientId}/key-auth", CreateKeyAsync).WithName("CreateClientKeyAuth")
            .WithSummary("Creates a key-auth key (given, or random); the key is returned this once.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId}/key-auth/{id:int}", DeleteKeyAsync).WithName("DeleteClientKeyAuth")
            .WithSummary("Deletes a key-auth key; the gateway refuses it from the next config version on.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapGet("/{clientId}/jwt", ListJwtAsync).WithName("ListClientJwt")
            .WithSummary("The client's JWT credentials (never their secrets).").ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{clientId}/jwt", CreateJwtAsync).WithName("CreateClientJwt")
            .WithSummary("Creates a JWT credential (HS256/HS384/HS512 secret, or RS256/ES256 public key); a generated secret is returned this once.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId}/jwt/{id:int}", DeleteJwtAsync).WithName("DeleteClientJwt")
            .WithSummary("Deletes a JWT credential.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<ApiAuthenticationResponse>> GetSettingsAsync(int id, ApiAuthenticationService service, CancellationToken cancellationToken)
    {
        var settings = await service.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiService.EntityName, id.ToString());
        return TypedResults.Ok(ApiAuthenticationResponse.From(settings));
    }

    internal static async Task<Ok<ApiAuthenticationResponse>> UpdateSettingsAsync(
        int id, ApiAuthenticationRequest request, ApiAuthenticationService service, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var settings = await service.UpdateAsync(id, request.ToSettings(), AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ApiAuthenticationResponse.From(settings));
    }

    internal static async Task<Ok<KeyAuthCredentialResponse[]>> ListKeysAsync(string clientId, ApiClientService clients, PluginCredentialService credentials, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var keys = await credentials.ListKeyAuthAsync(client.Id, cancellationToken);
        return TypedResults.Ok(keys.Select(k => KeyAuthCredentialResponse.From(k)).ToArray());
    }

    internal static async Task<Created<KeyAuthCredentialResponse>> CreateKeyAsync(
        string clientId, CreateKeyAuthRequest? request, ApiClientService clients, PluginCredentialService credentials, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var created = await credentials.CreateKeyAuthAsync(client.Id, request?.Key, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created(
            $"{AdminApiExtensions.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}/key-auth/{created.Credential.Id}",
            KeyAuthCredentialResponse.From(created.Credential, created.Key));
    }

    internal static async Task<NoContent> DeleteKeyAsync(string clientId, int id, ApiClientService clients, PluginCredentialService credentials, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await credentials.DeleteKeyAuthAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<JwtCredentialResponse[]>> ListJwtAsync(string clientId, ApiClientService clients, PluginCredentialService credentials, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var list = await credentials.ListJwtAsync(client.Id, cancellationToken);
        return TypedResults.Ok(list.Select(j => JwtCredentialResponse.From(j)).ToArray());
    }

    internal static async Task<Created<JwtCredentialResponse>> CreateJwtAsync(
        string clientId, JwtCredentialInput input, ApiClientService clients, PluginCredentialService credentials, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        var created = await credentials.CreateJwtAsync(client.Id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created(
            $"{AdminApiExtensions.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}/jwt/{created.Credential.Id}",
            JwtCredentialResponse.From(created.Credential, created.Secret));
    }

    internal static async Task<NoContent> DeleteJwtAsync(string clientId, int id, ApiClientService clients, PluginCredentialService credentials, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        await credentials.DeleteJwtAsync(client.Id, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
