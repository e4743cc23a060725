using System.Security.Claims;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/api-users</c>: the resource owners of the OAuth password grant (addressed by id), with password,
/// enable, disable and unlock actions. No response carries a password or its hash.
/// </summary>
internal static class ApiUsersApi
{
    public static RouteGroupBuilder MapApiUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-users").WithTags("API users");
        group.MapGet("", ListAsync).WithName("ListApiUsers")
            .WithSummary("Lists API users, searched by user name, display name or email; status = enabled, disabled or locked (none = all).");
        group.MapGet("/{id:int}", GetAsync).WithName("GetApiUser").WithSummary("Reads one API user with its allowed clients.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateApiUser")
            .WithSummary("Creates an enabled API user (password and confirmPassword required; allowedClients empty = any client).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateApiUser")
            .WithSummary("Replaces an API user's name, display name, email and allowed clients (not its password or status); a stale concurrencyStamp answers 409.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteApiUser").WithSummary("Deletes an API user.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:int}/password", SetPasswordAsync).WithName("SetApiUserPassword")
            .WithSummary("Sets a new password (with confirmation; at least 8 characters, not the user name) and clears failed attempts.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/enable", EnableAsync).WithName("EnableApiUser").WithSummary("Enables the user (clears failed attempts and any lockout).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/disable", DisableAsync).WithName("DisableApiUser").WithSummary("Disables the user: every password-grant sign-in is refused.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/unlock", UnlockAsync).WithName("UnlockApiUser").WithSummary("Ends a lockout and clears failed attempts (a disabled user stays disabled).")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<PageResponse<ApiUserResponse>>> ListAsync(int? page, int? pageSize, string? q, string? status, ApiUserService users, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiUserStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ApiUserStatus>(status.Trim(), ignoreCase: true, out var parsed) && !char.IsAsciiDigit(status.Trim()[0]) && Enum.IsDefined(parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = ["Status must be enabled, disabled or locked."];
            }
        }

        var request = AdminApiQuery.Page(page, pageSize, q, errors);
        var result = await users.ListAsync(request, statusFilter, cancellationToken);
        return TypedResults.Ok(new PageResponse<ApiUserResponse>([.. result.Items.Select(ApiUserResponse.From)], result.Total, result.Page, result.PageSize));
    }

    internal static async Task<Ok<ApiUserResponse>> GetAsync(int id, ApiUserService users, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiUserResponse.From(await RequireAsync(id, users, cancellationToken)));

    internal static async Task<Created<ApiUserResponse>> CreateAsync(ApiUserInput input, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await users.CreateAsync(input, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Created($"{AdminApiExtensions.Prefix}/api-users/{created.Id}", ApiUserResponse.From(created));
    }

    internal static async Task<Ok<ApiUserResponse>> UpdateAsync(int id, ApiUserInput input, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiUserResponse.From(await users.UpdateAsync(id, input, AdminApiQuery.Actor(user), cancellationToken)));

    internal static async Task<NoContent> DeleteAsync(int id, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(id, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> SetPasswordAsync(int id, ApiUserPasswordRequest request, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await users.SetPasswordAsync(id, request.Password, request.ConfirmPassword, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ApiUserResponse>> EnableAsync(int id, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiUserResponse.From(await users.EnableAsync(id, AdminApiQuery.Actor(user), cancellationToken)));

    internal static async Task<Ok<ApiUserResponse>> DisableAsync(int id, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiUserResponse.From(await users.DisableAsync(id, AdminApiQuery.Actor(user), cancellationToken)));

    internal static async Task<Ok<ApiUserResponse>> UnlockAsync(int id, ApiUserService users, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiUserResponse.From(await users.UnlockAsync(id, AdminApiQuery.Actor(user), cancellationToken)));

    private static async Task<ApiUser> RequireAsync(int id, ApiUserService users, CancellationToken cancellationToken) =>
        await users.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("API user", id.ToString());
}
