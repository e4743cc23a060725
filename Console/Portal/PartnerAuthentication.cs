using System.Globalization;
using System.Security.Claims;
using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Authorization;

namespace ApiManager.Admin.Portal;

/// <summary>
/// The partner portal's own cookie scheme and policy. Separate from the console's Identity cookie: it is never the
/// default scheme, its cookie is scoped to <see cref="BasePath"/>, its principal carries no roles (so admin policies
/// never accept it) and the admin API only accepts its bearer tokens.
/// </summary>
public static class PartnerAuthentication
{
    public const string Scheme = "Partner";
    public const string CookieName = "apimanager.partner";
    public const string BasePath = "/portal";
    public const string LoginPath = "/portal/login";
    public const string LogoutPath = "/portal/logout";
    public const string ChangePasswordPath = "/portal/change-password";

    /// <summary>A signed-in partner that has set its password (sessions opened with a one-time password do not qualify).</summary>
    public const string Policy = "partner";

    /// <summary>Any signed-in partner, including a one-time-password session that must set a new password first.</summary>
    public const string PasswordChangePolicy = "partner-password-change";

    /// <summary>Claim present (value "true") on a session opened with a one-time password.</summary>
    public const string MustChangePasswordClaim = "apimanager:partner-must-change-password";

    /// <summary>Claim with the client's database id.</summary>
    public const string ClientDbIdClaim = "apimanager:partner-client";

    /// <summary>
    /// <see cref="Policy"/>: a principal signed in with <see cref="Scheme"/> that names a client and has no pending forced
    /// password change (such a session is forbidden, i.e. sent to <see cref="ChangePasswordPath"/>);
    /// <see cref="PasswordChangePolicy"/>: any such principal.
    /// </summary>
    public static AuthorizationBuilder AddPartnerPolicy(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Policy, p => p
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ClientDbIdOf(context.User) is not null && !MustChangePassword(context.User)))
            .AddPolicy(PasswordChangePolicy, p => p
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ClientDbIdOf(context.User) is not null));
    }

    /// <summary>The principal stored in the partner cookie after a successful sign-in.</summary>
    public static ClaimsPrincipal CreatePrincipal(PartnerSignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<Claim> claims =
        [
            new Claim(ClientDbIdClaim, result.ClientDbId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, result.ClientId ?? ""),
        ];
        if (result.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        }

        var identity = new ClaimsIdentity(
            claims,
            Scheme,
            ClaimTypes.Name,
            roleType: ClientDbIdClaim + ":no-roles");
        return new ClaimsPrincipal(identity);
    }

    /// <summary>True for a partner session opened with a one-time password that has not set a new password yet.</summary>
    public static bool MustChangePassword(ClaimsPrincipal? user)
    {
        var identity = user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme);
        return identity?.HasClaim(MustChangePasswordClaim, "true") == true;
    }

    /// <summary>The client database id of a partner principal; null for anyone else (admins, anonymous).</summary>
    public static int? ClientDbIdOf(ClaimsPrincipal? user)
    {
        var identity = user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme);
        var value = identity?.FindFirst(ClientDbIdClaim)?.Value;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}
