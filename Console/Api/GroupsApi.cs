using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/groups</c>: list, read, create, update and delete API groups, and manage their APIs.</summary>
internal static class GroupsApi
{
    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/groups").WithTags("API groups");
        group.MapGet("", ListAsync).WithName("ListApiGroups")
            .WithSummary("Lists API groups, searched by name, alias or description; securityLevelId filters by level; forRank lists the groups a client of that level rank may hold.")
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", GetAsync).WithName("GetApiGroup").WithSummary("Reads one API group.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateApiGroup").WithSummary("Creates an API group.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateApiGroup")
            .WithSummary("Replaces an API group (not its APIs); a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteApiGroup")
            .WithSummary("Deletes an API group; refused with 409 while clients or scopes hold it, unless removeMemberships=true.")
            .RequireAuthorization(AdminApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/apis", AddApisAsync).WithName("AddApiGroupApis").WithSummary("Adds APIs to the group.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}/apis/{apiId:int}", RemoveApiAsync).WithName("RemoveApiGroupApi").WithSummary("Removes an API from the group.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PageResponse<ApiGroupResponse>>> ListAsync(
        int? page, int? pageSize, string? q, int? securityLevelId, int? forRank, ApiGroupService groups, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (forRank is < 1)
        {
            errors["forRank"] = ["forRank must be 1 or more."];
        }

        var request = AdminApiQuery.Page(page, pageSize, q, errors);
        var result = forRank is { } rank
            ? await groups.ListForLevelAsync(rank, request, cancellationToken, securityLevelId)
            : await groups.ListAsync(request, cancellationToken, securityLevelId);
        return TypedResults.Ok(new PageResponse<ApiGroupResponse>([.. result.Items.Select(ApiGroupResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<ApiGroupResponse>> GetAsync(int id, ApiGroupService groups, CancellationToken cancellationToken)
    {
        var group = await groups.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiGroupService.EntityName, id.ToString());
        return TypedResults.Ok(ApiGroupResponse.From(group));
    }

    internal static async Task<Created<ApiGroupResponse>> CreateAsync(ApiGroupRequest input, ApiGroupService groups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await groups.CreateAsync(input.ToInput(), AdminApiQuery.Actor(user), cancellationToken);
        var group = await groups.FindAsync(created.Id, cancellationToken) ?? created;
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/groups/{group.Id}", ApiGroupResponse.From(group));
    }

    internal static async Task<Ok<ApiGroupResponse>> UpdateAsync(int id, ApiGroupRequest input, ApiGroupService groups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var updated = await groups.UpdateAsync(id, input.ToInput(), AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ApiGroupResponse.From(await groups.FindAsync(id, cancellationToken) ?? updated));
    }

    internal static async Task<NoContent> DeleteAsync(int id, bool? removeMemberships, ApiGroupService groups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await groups.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken, removeMemberships ?? false);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ApiGroupResponse>> AddApisAsync(int id, AddApisRequest body, ApiGroupService groups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var updated = await groups.AddApisAsync(id, [.. body.ApiIds ?? []], AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ApiGroupResponse.From(await groups.FindAsync(id, cancellationToken) ?? updated));
    }

    internal static async Task<NoContent> RemoveApiAsync(int id, int apiId, ApiGroupService groups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await groups.RemoveApiAsync(id, apiId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
