using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/plugins</c>: list, read, create, update and delete plugins at any scope; list the installed types.</summary>
internal static class PluginsApi
{
    public static RouteGroupBuilder MapPluginsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plugins").WithTags("Plugins");
        group.MapGet("", ListAsync).WithName("ListPlugins")
            .WithSummary("Lists plugins, filtered by scope (global, backend, api, client), target id and type; widest scope first.");
        group.MapGet("/types", ListTypes).WithName("ListPluginTypes")
            .WithSummary("Lists the installed plugin types with their allowed scopes, default configuration and secret field.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetPlugin").WithSummary("Reads one plugin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreatePlugin")
            .WithSummary("Adds a plugin; one per type and target. Configuration is a JSON object; invalid fields answer 400 keyed config.<field>.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdatePlugin")
            .WithSummary("Replaces a plugin's scope, enabled flag and configuration (not its type); a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeletePlugin").WithSummary("Deletes a plugin.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PluginResponse[]>> ListAsync(string? scope, int? targetId, string? type, PluginService plugins, CancellationToken cancellationToken)
    {
        var result = await plugins.ListAsync(new PluginQuery(scope, targetId, type), cancellationToken);
        return TypedResults.Ok(result.Select(PluginResponse.From).ToArray());
    }

    internal static Ok<PluginTypeResponse[]> ListTypes(PluginService plugins) =>
        TypedResults.Ok(plugins.ListTypes().Select(PluginTypeResponse.From).ToArray());

    internal static async Task<Ok<PluginResponse>> GetAsync(int id, PluginService plugins, CancellationToken cancellationToken)
    {
        var plugin = await plugins.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(PluginService.EntityName, id.ToString());
        return TypedResults.Ok(PluginResponse.From(plugin));
    }

    internal static async Task<Created<PluginResponse>> CreateAsync(PluginRequest request, PluginService plugins, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var plugin = await plugins.CreateAsync(request.ToInput(), AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/plugins/{plugin.Id}", PluginResponse.From(plugin));
    }

    internal static async Task<Ok<PluginResponse>> UpdateAsync(int id, PluginRequest request, PluginService plugins, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var plugin = await plugins.UpdateAsync(id, request.ToInput(), AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(PluginResponse.From(plugin));
    }

    internal static async Task<NoContent> DeleteAsync(int id, PluginService plugins, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await plugins.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
