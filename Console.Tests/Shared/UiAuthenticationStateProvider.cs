using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApiManager.Admin.Tests.Shared;

/// <summary>A settable authentication state for bUnit: anonymous until a test signs someone in.</summary>
public sealed class UiAuthenticationStateProvider : AuthenticationStateProvider
{
    private AuthenticationState _state = new(new ClaimsPrincipal(new ClaimsIdentity()));

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);

    public void SignIn(string userId, string userName, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, userName) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        _state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test")));
        NotifyAuthenticationStateChanged(Task.FromResult(_state));
    }

    /// <summary>Signs in any principal (e.g. a partner of the portal scheme).</summary>
    public void SignIn(ClaimsPrincipal principal)
    {
        _state = new AuthenticationState(principal);
        NotifyAuthenticationStateChanged(Task.FromResult(_state));
    }

    public void SignOut()
    {
        _state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()));
        NotifyAuthenticationStateChanged(Task.FromResult(_state));
    }
}
