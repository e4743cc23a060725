using System.Security.Claims;
using ApiManager.Admin.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApiManager.Admin.Model;

/// <summary>Resolves the circuit's <see cref="ConsoleUser"/> from the authentication state and the write policy.</summary>
internal sealed class ConsoleUserAccessor(AuthenticationStateProvider authenticationStateProvider, IAuthorizationService authorizationService)
{
    public async Task<ConsoleUser> GetAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        var principal = state.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return ConsoleUser.Anonymous;
        }

        var canWrite = (await authorizationService.AuthorizeAsync(principal, AdminPolicies.Write)).Succeeded;
        var role = AdminRoles.All.FirstOrDefault(principal.IsInRole) ?? "";
        return new ConsoleUser(principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity.Name ?? "", role, canWrite);
    }
}
