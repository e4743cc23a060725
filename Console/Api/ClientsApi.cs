using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/clients</c>: API clients (addressed by their Client ID string) and their security configuration:
/// groups, scopes, security level, password, unlock and failed-attempt settings. No response carries a password hash.
/// </summary>
internal static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients").WithTags("Clients");
        group.MapGet("", ListAsync).WithName("ListClients")
            .WithSummary("Lists clients, searched by client id, name, display name or group name; status = enabled, disabled or locked (none = all).");
        group.MapGet("/{clientId}", GetAsync).WithName("GetClient").WithSummary("Reads one client with its level, IP bindings, groups and scopes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateClient").WithSummary("Creates a client (password and confirmPassword required).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{clientId}", UpdateAsync).WithName("UpdateClient")
            .WithSummary("Replaces a client's fields (not its password, level, groups or scopes); a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{clientId}", DeleteAsync).WithName("DeleteClient").WithSummary("Deletes a client with its IP bindings and memberships.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{clientId}/groups", ListGroupsAsync).WithName("ListClientGroups")
            .WithSummary("The client's groups; with assignable=true, the groups it may be given instead (searched by q).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{clientId}/groups", AddGroupsAsync).WithName("AddClientGroups")
            .WithSummary("Gives the client groups; refused when a group ranks above the client's level.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{clientId}/groups/{groupId:int}", RemoveGroupAsync).WithName("RemoveClientGroup").WithSummary("Takes a group from the client.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{clientId}/scopes", ListScopesAsync).WithName("ListClientScopes")
            .WithSummary("The client's scopes; with assignable=true, the scopes it may be given instead (searched by q).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{clientId}/scopes", AddScopesAsync).WithName("AddClientScopes")
            .WithSummary("Gives the client scopes; refused when a scope bundles a group above the client's level.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{clientId}/scopes/{scopeId:int}", RemoveScopeAsync).WithName("RemoveClientScope").WithSummary("Takes a scope from the client.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{clientId}/security-level", SetSecurityLevelAsync).WithName("SetClientSecurityLevel")
            .WithSummary("Moves the client to another security level; 409 listing the groups that would rank above it.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{clientId}/password", SetPasswordAsync).WithName("SetClientPassword").WithSummary("Sets a new password (with confirmation).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{clientId}/password/reset", ResetPasswordAsync).WithName("ResetClientPassword")
            .WithSummary("Replaces the password with a one-time password mailed to the client's emails; 409 when it has none.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{clientId}/unlock", UnlockAsync).WithName("UnlockClient").WithSummary("Unlocks a locked client and clears its failed attempts.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{clientId}/reset-attempts", ResetAttemptsAsync).WithName("ResetClientAttempts").WithSummary("Clears the client's failed attempts.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{clientId}/status-settings", SetStatusSettingsAsync).WithName("SetClientStatusSettings")
            .WithSummary("Sets how many wrong passwords lock the client (1–99).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PageResponse<ClientResponse>>> ListAsync(int? page, int? pageSize, string? q, string? status, ApiClientService clients, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ClientStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ClientStatus>(status.Trim(), ignoreCase: true, out var parsed) && !char.IsAsciiDigit(status.Trim()[0]) && Enum.IsDefined(parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = ["Status must be enabled, disabled or locked."];
            }
        }

        var request = AdminApiQuery.Page(page, pageSize, q, errors);
        var result = await clients.ListAsync(request, statusFilter, cancellationToken);
        return TypedResults.Ok(new PageResponse<ClientResponse>([.. result.Items.Select(ClientResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<ClientResponse>> GetAsync(string clientId, ApiClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));

    internal static async Task<Created<ClientResponse>> CreateAsync(ApiClientInput input, ApiClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await clients.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        var client = await RequireAsync(created.ClientId, clients, cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}", ClientResponse.From(client));
    }

    internal static async Task<Ok<ClientResponse>> UpdateAsync(string clientId, ApiClientInput input, ApiClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var existing = await RequireAsync(clientId, clients, cancellationToken);
        var updated = await clients.UpdateAsync(existing.Id, input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(updated.ClientId, clients, cancellationToken)));
    }

    internal static async Task<NoContent> DeleteAsync(string clientId, ApiClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var existing = await RequireAsync(clientId, clients, cancellationToken);
        await clients.DeleteAsync(existing.Id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<ClientGroupResponse>>> ListGroupsAsync(
        string clientId, bool? assignable, string? q, ApiClientService clients, ClientSecurityService security, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        if (assignable == true)
        {
            var groups = await security.ListAssignableGroupsAsync(client.Id, q, cancellationToken);
            return TypedResults.Ok<IReadOnlyList<ClientGroupResponse>>([.. groups.Select(g => new ClientGroupResponse(g.Id, g.Name, g.Alias, g.LevelCode))]);
        }

        return TypedResults.Ok(ClientResponse.From(client).Groups);
    }

    internal static async Task<Ok<ClientResponse>> AddGroupsAsync(string clientId, ClientGroupsRequest request, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.AddGroupsAsync(client.Id, request.GroupIds ?? [], AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    internal static async Task<NoContent> RemoveGroupAsync(string clientId, int groupId, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.RemoveGroupAsync(client.Id, groupId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<ClientScopeResponse>>> ListScopesAsync(
        string clientId, bool? assignable, string? q, ApiClientService clients, ClientSecurityService security, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        if (assignable == true)
        {
            var scopes = await security.ListAssignableScopesAsync(client.Id, q, cancellationToken);
            return TypedResults.Ok<IReadOnlyList<ClientScopeResponse>>([.. scopes.Select(s => new ClientScopeResponse(s.Id, s.Name))]);
        }

        return TypedResults.Ok(ClientResponse.From(client).Scopes);
    }

    internal static async Task<Ok<ClientResponse>> AddScopesAsync(string clientId, ClientScopesRequest request, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.AddScopesAsync(client.Id, request.ScopeIds ?? [], AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    internal static async Task<NoContent> RemoveScopeAsync(string clientId, int scopeId, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.RemoveScopeAsync(client.Id, scopeId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ClientResponse>> SetSecurityLevelAsync(string clientId, ClientSecurityLevelRequest request, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.SetSecurityLevelAsync(client.Id, request.SecurityLevelId, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    internal static async Task<NoContent> SetPasswordAsync(string clientId, ClientPasswordRequest request, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.SetPasswordAsync(client.Id, request.Password, request.ConfirmPassword, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ClientPasswordResetResponse>> ResetPasswordAsync(string clientId, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        var mailId = await security.ResetPasswordAsync(client.Id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(new ClientPasswordResetResponse(mailId, ApiClientService.SplitEmails(client.Emails)));
    }

    internal static async Task<Ok<ClientResponse>> UnlockAsync(string clientId, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.UnlockAsync(client.Id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    internal static async Task<Ok<ClientResponse>> ResetAttemptsAsync(string clientId, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.ResetFailedAttemptsAsync(client.Id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    internal static async Task<Ok<ClientResponse>> SetStatusSettingsAsync(string clientId, ClientStatusSettingsRequest request, ApiClientService clients, ClientSecurityService security, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await RequireAsync(clientId, clients, cancellationToken);
        await security.SetFailedAttemptThresholdAsync(client.Id, request.FailedAttemptThreshold, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(await RequireAsync(clientId, clients, cancellationToken)));
    }

    /// <summary>The client a <c>clients/{clientId}/…</c> route names (by Client ID), or 404; shared by the client subresource APIs.</summary>
    internal static async Task<ApiClient> RequireAsync(string clientId, ApiClientService clients, CancellationToken cancellationToken) =>
        await clients.FindByClientIdAsync(clientId, cancellationToken) ?? throw new EntityNotFoundException("Client", clientId);
}
