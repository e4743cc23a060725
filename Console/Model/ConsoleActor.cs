using System.Security.Claims;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>The <see cref="Actor"/> of a console user.</summary>
internal static class ConsoleActor
{
    public static Actor From(ClaimsPrincipal user) => new(user.Identity?.Name ?? "unknown", "console");
}
