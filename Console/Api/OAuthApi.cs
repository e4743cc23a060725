using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// OAuth administration: <c>clients/{clientId}/token-settings</c> (grants, token validities and quotas, redirect URLs)
/// and <c>oauth/signing-keys</c> (list, rotate, remove).
/// </summary>
internal static class OAuthApi
{
    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/{clientId}/token-settings", GetTokenSettingsAsync).WithName("GetClientTokenSettings")
            .WithSummary("The client's OAuth grants, token validities (seconds), quotas (0 = unlimited) and redirect URLs.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPut("/{clientId}/token-settings", UpdateTokenSettingsAsync).WithName("UpdateClientTokenSettings")
            .WithSummary("Replaces the client's token settings; validities 60–31536000 s, quotas ≥ 0, 0–5 http(s) redirect URLs (1–5 with authorization_code).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var keys = api.MapGroup("/oauth/signing-keys").WithTags("OAuth");
        keys.MapGet("", ListKeysAsync).WithName("ListSigningKeys").WithSummary("The token signing keys, newest first (no key material).");
        keys.MapPost("/rotate", RotateAsync).WithName("RotateSigningKey")
            .WithSummary("Creates a new active signing key (RS256 or ES256); the previous key is retired but stays published.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        keys.MapDelete("/{kid}", RemoveAsync).WithName("RemoveSigningKey")
            .WithSummary("Removes a retired key once it has been retired longer than the longest access-token validity; 409 otherwise.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<TokenSettingsResponse>> GetTokenSettingsAsync(string clientId, ApiClientService clients, TokenSettingsService settings, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        return TypedResults.Ok(TokenSettingsResponse.From(await settings.GetAsync(client.Id, cancellationToken)));
    }

    internal static async Task<Ok<TokenSettingsResponse>> UpdateTokenSettingsAsync(
        string clientId, TokenSettingsRequest request, ApiClientService clients, TokenSettingsService settings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await ClientsApi.RequireAsync(clientId, clients, cancellationToken);
        if (!OAuthGrantNames.TryParse(request.AllowedGrants, out var grants, out var unknown))
        {
            throw new ServiceValidationException(new Dictionary<string, string[]>
            {
                ["allowedGrants"] = [$"Unknown grant '{unknown}'; use client_credentials, password, refresh_token or authorization_code."],
            });
        }

        var input = new TokenSettings(grants, request.AccessTokenValidity, request.AccessTokenQuota, request.RefreshTokenValidity, request.RefreshTokenQuota,
            request.RedirectUris ?? [], request.ConcurrencyStamp);
        return TypedResults.Ok(TokenSettingsResponse.From(await settings.UpdateAsync(client.Id, input, AdminApiQuery.Actor(user), cancellationToken)));
    }

    internal static async Task<Ok<IReadOnlyList<SigningKeyResponse>>> ListKeysAsync(SigningKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SigningKeyResponse>>([.. (await keys.ListAsync(cancellationToken)).Select(SigningKeyResponse.From)]);

    internal static async Task<Ok<SigningKeyResponse>> RotateAsync(RotateSigningKeyRequest? request, SigningKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = request?.Algorithm?.Trim();
        OAuthKeyAlgorithm algorithm;
        if (string.IsNullOrEmpty(name))
        {
            algorithm = OAuthKeyAlgorithm.RS256;
        }
        else if (!Enum.TryParse(name, ignoreCase: true, out algorithm) || !Enum.IsDefined(algorithm) || char.IsAsciiDigit(name[0]))
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { ["algorithm"] = ["Choose RS256 or ES256."] });
        }

        return TypedResults.Ok(SigningKeyResponse.From(await keys.RotateAsync(algorithm, AdminApiQuery.Actor(user), cancellationToken)));
    }

    internal static async Task<NoContent> RemoveAsync(string kid, SigningKeyService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await keys.RemoveAsync(kid, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
