using System.Security.Claims;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Api;

/// <summary>Shared parsing of query values and of the calling principal.</summary>
internal static class AdminApiQuery
{
    /// <summary>Checks paging values (400 with per-field errors when out of range) and builds the page request.</summary>
    public static PageRequest Page(int? page, int? pageSize, string? q, Dictionary<string, string[]>? errors = null)
    {
        errors ??= [];
        if (page is < 1)
        {
            errors["page"] = ["Page must be 1 or more."];
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [$"Page size must be between 1 and {PageRequest.MaxPageSize}."];
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["The search text must be at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors);
        }

        return new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize, q).Normalize();
    }

    /// <summary>Query values carry no zone when written as plain ISO dates: those are taken as UTC.</summary>
    public static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } v => v,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };

    /// <summary>Who writes, for the audit log: the token owner's user name, source <c>api</c>.</summary>
    public static Actor Actor(ClaimsPrincipal user) => new(user.Identity?.Name ?? "unknown", "api");
}
