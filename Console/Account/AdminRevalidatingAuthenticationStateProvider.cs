using System.Security.Claims;
using ApiManager.Admin.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Account;

/// <summary>
/// Re-checks a live circuit's user every minute: the security stamp must still match (it changes on role change,
/// password reset and disable) and the user must not be disabled. A failed check signs the circuit out.
/// </summary>
internal sealed class AdminRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await IsStillValidAsync(userManager, authenticationState.User, options.Value);
    }

    /// <summary>True while the principal's user exists, is enabled and carries the current security stamp.</summary>
    internal static async Task<bool> IsStillValidAsync(UserManager<AdminUser> userManager, ClaimsPrincipal principal, IdentityOptions identityOptions)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(identityOptions.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
