using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/security-levels</c>: list, read, create, update, delete and set the default level.</summary>
internal static class SecurityLevelsApi
{
    public static RouteGroupBuilder MapSecurityLevelsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/security-levels").WithTags("Security levels");
        group.MapGet("", ListAsync).WithName("ListSecurityLevels").WithSummary("Lists security levels by rank, searched by code, name or description.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetSecurityLevel").WithSummary("Reads one security level.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateSecurityLevel").WithSummary("Creates a security level (code and rank unique).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateSecurityLevel")
            .WithSummary("Replaces a security level; system levels keep code and rank; a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/default", SetDefaultAsync).WithName("SetDefaultSecurityLevel").WithSummary("Makes the level the default one.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteSecurityLevel")
            .WithSummary("Deletes a security level; refused with 409 for system or default levels and while groups or clients use it.")
            .RequireAuthorization(AdminApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<PageResponse<SecurityLevelResponse>>> ListAsync(int? page, int? pageSize, string? q, SecurityLevelService levels, CancellationToken cancellationToken)
    {
        var result = await levels.ListAsync(AdminApiQuery.Page(page, pageSize, q), cancellationToken);
        return TypedResults.Ok(new PageResponse<SecurityLevelResponse>([.. result.Items.Select(SecurityLevelResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<SecurityLevelResponse>> GetAsync(int id, SecurityLevelService levels, CancellationToken cancellationToken)
    {
        var level = await levels.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(SecurityLevelService.EntityName, id.ToString());
        return TypedResults.Ok(SecurityLevelResponse.From(level));
    }

    internal static async Task<Created<SecurityLevelResponse>> CreateAsync(SecurityLevelInput input, SecurityLevelService levels, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var level = await levels.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/security-levels/{level.Id}", SecurityLevelResponse.From(level));
    }

    internal static async Task<Ok<SecurityLevelResponse>> UpdateAsync(int id, SecurityLevelInput input, SecurityLevelService levels, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var level = await levels.UpdateAsync(id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(SecurityLevelResponse.From(level));
    }

    internal static async Task<Ok<SecurityLevelResponse>> SetDefaultAsync(int id, SecurityLevelService levels, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var level = await levels.SetDefaultAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(SecurityLevelResponse.From(level));
    }

    internal static async Task<NoContent> DeleteAsync(int id, SecurityLevelService levels, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await levels.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
