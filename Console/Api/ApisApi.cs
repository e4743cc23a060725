using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/apis</c>: list (with a status filter), read, create, update and delete APIs.</summary>
internal static class ApisApi
{
    public static RouteGroupBuilder MapApisApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/apis").WithTags("APIs");
        group.MapGet("", ListAsync).WithName("ListApis")
            .WithSummary("Lists APIs, searched by name, display name, path, tag or description; filtered by status (active, inactive or deprecated), tag and backendId.")
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", GetAsync).WithName("GetApi").WithSummary("Reads one API.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:int}/operations", ListOperationsAsync).WithName("ListApiOperations")
            .WithSummary("Lists the API's allowed operations (method and path template relative to the API's path) from its last OpenAPI import; empty = every path and allowed method.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateApi").WithSummary("Creates an API.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateApi")
            .WithSummary("Replaces an API; a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteApi")
            .WithSummary("Deletes an API; refused with 409 while it is in API groups, unless removeMemberships=true.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<PageResponse<ApiResponse>>> ListAsync(int? page, int? pageSize, string? q, string? status, string? tag, int? backendId, ApiService apis, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ApiStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ApiStatus>(status.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(status.Trim()[0]))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = ["Status must be active, inactive or deprecated."];
            }
        }

        if (tag is { Length: > 50 })
        {
            errors["tag"] = ["A tag has at most 50 characters."];
        }

        var request = AdminApiQuery.Page(page, pageSize, q, errors);
        var result = await apis.ListAsync(request, new ApiListFilter(statusFilter, tag, backendId), cancellationToken);
        return TypedResults.Ok(new PageResponse<ApiResponse>([.. result.Items.Select(a => ApiResponse.From(a, a.Backend?.Name))], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<ApiOperationResponse[]>> ListOperationsAsync(int id, ApiService apis, CancellationToken cancellationToken)
    {
        _ = await apis.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiService.EntityName, id.ToString());
        var operations = await apis.ListOperationsAsync(id, cancellationToken);
        return TypedResults.Ok(operations.Select(ApiOperationResponse.From).ToArray());
    }

    internal static async Task<Ok<ApiResponse>> GetAsync(int id, ApiService apis, CancellationToken cancellationToken)
    {
        var api = await apis.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiService.EntityName, id.ToString());
        return TypedResults.Ok(ApiResponse.From(api, api.Backend?.Name));
    }

    internal static async Task<Created<ApiResponse>> CreateAsync(ApiInput input, ApiService apis, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var api = await apis.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        var backend = await backends.FindAsync(api.BackendId, cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/apis/{api.Id}", ApiResponse.From(api, backend?.Name));
    }

    internal static async Task<Ok<ApiResponse>> UpdateAsync(int id, ApiInput input, ApiService apis, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var api = await apis.UpdateAsync(id, input, AdminApiQuery.Actor(user), cancellationToken);
        var backend = await backends.FindAsync(api.BackendId, cancellationToken);
        return TypedResults.Ok(ApiResponse.From(api, backend?.Name));
    }

    internal static async Task<NoContent> DeleteAsync(int id, bool? removeMemberships, ApiService apis, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await apis.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken, removeMemberships ?? false);
        return TypedResults.NoContent();
    }
}
