using ApiManager.Admin.Account;
using ApiManager.Admin.Components;
using ApiManager.Admin.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The Blazor Server console and portal.</summary>
internal static class ConsoleUiExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    public static WebApplicationBuilder AddConsoleUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddMudServices();

        // Disabled users can neither sign in nor keep a session; live circuits re-check every minute.
        services.Replace(ServiceDescriptor.Scoped<SignInManager<AdminUser>, AdminSignInManager>());
        services.AddScoped<AuthenticationStateProvider, AdminRevalidatingAuthenticationStateProvider>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "ApiManager.Console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddConsoleModel();
        return builder;
    }

    public static WebApplication MapConsoleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // A form post (antiforgery-checked because it binds [FromForm]) so a link cannot sign anyone out.
        app.MapPost(LogoutPath, async (SignInManager<AdminUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPath);
        });
        return app;
    }
}
