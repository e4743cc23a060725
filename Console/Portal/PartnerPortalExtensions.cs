using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The partner portal's authentication (its own cookie scheme and policy) and sign-out endpoint.</summary>
internal static class PartnerPortalExtensions
{
    public static WebApplicationBuilder AddPartnerPortal(this WebApplicationBuilder builder)
    {
        // AddAuthentication() without a scheme keeps Identity's defaults: the partner cookie is only read when asked for.
        builder.Services.AddAuthentication().AddCookie(PartnerAuthentication.Scheme, o =>
        {
            o.Cookie.Name = PartnerAuthentication.CookieName;
            o.Cookie.Path = PartnerAuthentication.BasePath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = PartnerAuthentication.LoginPath;
            o.LogoutPath = PartnerAuthentication.LogoutPath;
            // The only partner that is denied is a one-time-password session: it must set a new password first.
            o.AccessDeniedPath = PartnerAuthentication.ChangePasswordPath;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
                // A client disabled, locked or deleted since sign-in loses its session on its next request; so does a
                // one-time-password session whose one-time password expired, was used or was replaced.
                var id = PartnerAuthentication.ClientDbIdOf(context.Principal);
                var signIn = context.HttpContext.RequestServices.GetRequiredService<PartnerSignInService>();
                var mustChange = PartnerAuthentication.MustChangePassword(context.Principal);
                if (id is null || !await signIn.IsActiveAsync(id.Value, mustChange, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(PartnerAuthentication.Scheme);
                }
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPartnerPolicy();
        return builder;
    }

    public static WebApplication MapPartnerPortal(this WebApplication app)
    {
        // A form post (antiforgery-checked because it binds [FromForm]) so a link cannot sign a partner out.
        app.MapPost(PartnerAuthentication.LogoutPath, async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(PartnerAuthentication.Scheme);
            return TypedResults.LocalRedirect(PartnerAuthentication.LoginPath);
        }).RequireAuthorization(PartnerAuthentication.PasswordChangePolicy);
        return app;
    }
}
