using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/backends</c>: list, read, create, update and delete backends.</summary>
internal static class BackendsApi
{
    public static RouteGroupBuilder MapBackendsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/backends").WithTags("Backends");
        group.MapGet("", ListAsync).WithName("ListBackends").WithSummary("Lists backends, searched by name, host or description.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetBackend").WithSummary("Reads one backend.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateBackend").WithSummary("Creates a backend.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateBackend")
            .WithSummary("Replaces a backend; a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteBackend").WithSummary("Deletes a backend; refused with 409 while an API uses it.")
            .RequireAuthorization(AdminApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<PageResponse<BackendResponse>>> ListAsync(int? page, int? pageSize, string? q, BackendService backends, CancellationToken cancellationToken)
    {
        var result = await backends.ListAsync(AdminApiQuery.Page(page, pageSize, q), cancellationToken);
        return TypedResults.Ok(new PageResponse<BackendResponse>([.. result.Items.Select(BackendResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<BackendResponse>> GetAsync(int id, BackendService backends, CancellationToken cancellationToken)
    {
        var backend = await backends.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(BackendService.EntityName, id.ToString());
        return TypedResults.Ok(BackendResponse.From(backend));
    }

    internal static async Task<Created<BackendResponse>> CreateAsync(BackendInput input, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var backend = await backends.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/backends/{backend.Id}", BackendResponse.From(backend));
    }

    internal static async Task<Ok<BackendResponse>> UpdateAsync(int id, BackendInput input, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var backend = await backends.UpdateAsync(id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(BackendResponse.From(backend));
    }

    internal static async Task<NoContent> DeleteAsync(int id, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await backends.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
