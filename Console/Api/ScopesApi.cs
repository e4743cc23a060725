using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/scopes</c>: list, read, create, update and delete API scopes, and manage their groups.</summary>
internal static class ScopesApi
{
    public static RouteGroupBuilder MapScopesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/scopes").WithTags("API scopes");
        group.MapGet("", ListAsync).WithName("ListApiScopes").WithSummary("Lists API scopes, searched by name or description.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetApiScope").WithSummary("Reads one API scope.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateApiScope").WithSummary("Creates an API scope.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateApiScope")
            .WithSummary("Replaces an API scope (not its groups); a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteApiScope")
            .WithSummary("Deletes an API scope; refused with 409 while clients hold it, unless removeMemberships=true.")
            .RequireAuthorization(AdminApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/groups", AddGroupsAsync).WithName("AddApiScopeGroups").WithSummary("Adds API groups to the scope.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}/groups/{groupId:int}", RemoveGroupAsync).WithName("RemoveApiScopeGroup").WithSummary("Removes an API group from the scope.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PageResponse<ApiScopeResponse>>> ListAsync(int? page, int? pageSize, string? q, ApiScopeService scopes, CancellationToken cancellationToken)
    {
        var result = await scopes.ListAsync(AdminApiQuery.Page(page, pageSize, q), cancellationToken);
        return TypedResults.Ok(new PageResponse<ApiScopeResponse>([.. result.Items.Select(ApiScopeResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<ApiScopeResponse>> GetAsync(int id, ApiScopeService scopes, CancellationToken cancellationToken)
    {
        var scope = await scopes.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiScopeService.EntityName, id.ToString());
        return TypedResults.Ok(ApiScopeResponse.From(scope));
    }

    internal static async Task<Created<ApiScopeResponse>> CreateAsync(ApiScopeInput input, ApiScopeService scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/scopes/{scope.Id}", ApiScopeResponse.From(scope));
    }

    internal static async Task<Ok<ApiScopeResponse>> UpdateAsync(int id, ApiScopeInput input, ApiScopeService scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var updated = await scopes.UpdateAsync(id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ApiScopeResponse.From(await scopes.FindAsync(id, cancellationToken) ?? updated));
    }

    internal static async Task<NoContent> DeleteAsync(int id, bool? removeMemberships, ApiScopeService scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await scopes.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken, removeMemberships ?? false);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ApiScopeResponse>> AddGroupsAsync(int id, AddGroupsRequest body, ApiScopeService scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var updated = await scopes.AddGroupsAsync(id, [.. body.GroupIds ?? []], AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ApiScopeResponse.From(await scopes.FindAsync(id, cancellationToken) ?? updated));
    }

    internal static async Task<NoContent> RemoveGroupAsync(int id, int groupId, ApiScopeService scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await scopes.RemoveGroupAsync(id, groupId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
