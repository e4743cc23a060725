using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Upstreams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/upstreams</c>: upstreams by name or id, their <c>targets</c>, and the per-target <c>health</c>
/// (with <c>POST .../targets/{target}/healthy|unhealthy</c> to set it by hand, on this node, as Kong does).
/// </summary>
internal static class UpstreamsApi
{
    public static RouteGroupBuilder MapUpstreamsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/upstreams").WithTags("Upstreams");
        group.MapGet("", ListAsync).WithName("ListUpstreams").WithSummary("Lists upstreams, searched by name.");
        group.MapGet("/{upstream}", GetAsync).WithName("GetUpstream").WithSummary("Reads one upstream (by name or id) with its targets.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateUpstream").WithSummary("Creates an upstream; a duplicate name answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{upstream}", UpdateAsync).WithName("UpdateUpstream").WithSummary("Replaces an upstream's settings; a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{upstream}", DeleteAsync).WithName("DeleteUpstream").WithSummary("Deletes an upstream; refused with 409 while a backend's host names it.")
            .RequireAuthorization(AdminApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{upstream}/targets", ListTargetsAsync).WithName("ListUpstreamTargets").WithSummary("Lists an upstream's targets.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{upstream}/targets", AddTargetAsync).WithName("AddUpstreamTarget").WithSummary("Adds a target (host:port, weight 0–65535, default 100).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{upstream}/targets/{target}", UpdateTargetAsync).WithName("UpdateUpstreamTarget").WithSummary("Changes a target's weight.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{upstream}/targets/{target}", RemoveTargetAsync).WithName("RemoveUpstreamTarget").WithSummary("Removes a target.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{upstream}/health", HealthAsync).WithName("GetUpstreamHealth").WithSummary("Each target's live state on this node: healthy, unhealthy or disabled (weight 0), health-check counters, last active probe, and when/by whom/why it last changed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{upstream}/targets/{target}/healthy", MarkHealthyAsync).WithName("MarkUpstreamTargetHealthy").WithSummary("Marks a target healthy on this node.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{upstream}/targets/{target}/unhealthy", MarkUnhealthyAsync).WithName("MarkUpstreamTargetUnhealthy").WithSummary("Marks a target unhealthy on this node.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PageResponse<UpstreamResponse>>> ListAsync(int? page, int? pageSize, string? q, UpstreamService upstreams, CancellationToken cancellationToken)
    {
        var result = await upstreams.ListAsync(AdminApiQuery.Page(page, pageSize, q), cancellationToken);
        return TypedResults.Ok(new PageResponse<UpstreamResponse>([.. result.Items.Select(UpstreamResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<UpstreamResponse>> GetAsync(string upstream, UpstreamService upstreams, CancellationToken cancellationToken) =>
        TypedResults.Ok(UpstreamResponse.From(await Require(upstream, upstreams, cancellationToken)));

    internal static async Task<Created<UpstreamResponse>> CreateAsync(UpstreamInput input, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await upstreams.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/upstreams/{created.Name}", UpstreamResponse.From(created));
    }

    internal static async Task<Ok<UpstreamResponse>> UpdateAsync(string upstream, UpstreamInput input, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(UpstreamResponse.From(await upstreams.UpdateAsync(upstream, input, AdminApiQuery.Actor(user), cancellationToken)));

    internal static async Task<NoContent> DeleteAsync(string upstream, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await upstreams.DeleteAsync(upstream, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<UpstreamTargetResponse>>> ListTargetsAsync(string upstream, UpstreamService upstreams, CancellationToken cancellationToken)
    {
        var found = await Require(upstream, upstreams, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UpstreamTargetResponse>>([.. found.Targets.OrderBy(t => t.Target, StringComparer.Ordinal).Select(UpstreamTargetResponse.From)]);
    }

    internal static async Task<Created<UpstreamTargetResponse>> AddTargetAsync(string upstream, UpstreamTargetInput input, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var target = await upstreams.AddTargetAsync(upstream, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/upstreams/{upstream}/targets/{target.Target}", UpstreamTargetResponse.From(target));
    }

    internal static async Task<Ok<UpstreamTargetResponse>> UpdateTargetAsync(string upstream, string target, UpstreamTargetInput input, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(UpstreamTargetResponse.From(await upstreams.UpdateTargetAsync(upstream, target, input, AdminApiQuery.Actor(user), cancellationToken)));

    internal static async Task<NoContent> RemoveTargetAsync(string upstream, string target, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await upstreams.RemoveTargetAsync(upstream, target, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<UpstreamTargetHealth>>> HealthAsync(string upstream, UpstreamService upstreams, CancellationToken cancellationToken) =>
        TypedResults.Ok(await upstreams.GetHealthAsync(upstream, cancellationToken));

    internal static async Task<Ok<UpstreamTargetHealth>> MarkHealthyAsync(string upstream, string target, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await upstreams.SetTargetHealthAsync(upstream, target, healthy: true, AdminApiQuery.Actor(user), cancellationToken));

    internal static async Task<Ok<UpstreamTargetHealth>> MarkUnhealthyAsync(string upstream, string target, UpstreamService upstreams, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await upstreams.SetTargetHealthAsync(upstream, target, healthy: false, AdminApiQuery.Actor(user), cancellationToken));

    private static async Task<Upstream> Require(string upstream, UpstreamService upstreams, CancellationToken cancellationToken) =>
        await upstreams.FindAsync(upstream, cancellationToken) ?? throw new EntityNotFoundException(UpstreamService.EntityName, upstream);
}
