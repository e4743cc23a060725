using System.Security.Claims;
using ApiManager.Admin.Account;
using ApiManager.Admin.Api.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/tokens</c>: the caller's own personal access tokens. Managing one's own tokens is account
/// self-service, so Operators may do it too; the bootstrap token belongs to no user and is refused.
/// </summary>
internal static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("Tokens").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("ListTokens").WithSummary("Lists the caller's tokens (never their values).");
        group.MapPost("", CreateAsync).WithName("CreateToken").WithSummary("Creates a token for the caller; the value is returned only in this response.")
            .ProducesValidationProblem();
        group.MapDelete("/{id:int}", RevokeAsync).WithName("RevokeToken").WithSummary("Revokes one of the caller's tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<AccessTokenResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, HttpContext httpContext, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId)
        {
            return NotAUser(httpContext);
        }

        var list = await tokens.ListAsync(userId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AccessTokenResponse>>([.. list.Select(AccessTokenResponse.From)]);
    }

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, ClaimsPrincipal user, HttpContext httpContext, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId)
        {
            return NotAUser(httpContext);
        }

        var created = await tokens.CreateAsync(userId, request.Name, AdminApiQuery.Utc(request.ExpiresAt), AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created((string?)null, new CreatedTokenResponse(created.Id, created.Name, created.Value));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        int id, ClaimsPrincipal user, HttpContext httpContext, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId)
        {
            return NotAUser(httpContext);
        }

        await tokens.RevokeAsync(userId, id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static ProblemHttpResult NotAUser(HttpContext httpContext) => TypedResults.Problem(AdminApiProblems.Create(httpContext,
        StatusCodes.Status403Forbidden, "Forbidden", "The bootstrap token belongs to no user; use a user's personal access token to manage tokens."));
}
