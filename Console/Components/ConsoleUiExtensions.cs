using ApiManager.Admin.Account;
using ApiManager.Admin.Components;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The Blazor Server console and portal.</summary>
internal static class ConsoleUiExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string AssetsPath = "/assets";
    public const string NotFoundPath = "/not-found";

    public static WebApplicationBuilder AddConsoleUi(this WebApplicationBuilder builder)
    {
        // `dotnet run` serves from the build output, where _framework/ and _content/ files come from the static web
        // assets manifest; outside Development that manifest is only read when asked for (no-op once published).
        builder.WebHost.UseStaticWebAssets();

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

    /// <summary>
    /// Browsers asking the console listener for an unknown page get the console's not-found page instead of a bare 404.
    /// Must run before authentication and authorization so the re-executed request passes through them.
    /// </summary>
    public static IApplicationBuilder UseConsoleNotFoundPage(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);

        // Only for page requests (the caller runs this on the console listener): admin API and non-GET answers keep their own 404s.
        app.Use((context, next) =>
        {
            var isPageRequest = HttpMethods.IsGet(context.Request.Method)
                && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
            if (!isPageRequest && context.Features.Get<IStatusCodePagesFeature>() is { } feature)
            {
                feature.Enabled = false;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapConsoleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot", "assets");
        if (Directory.Exists(assets))
        {
            // Console listener only: the gateway listener answers 404 to console paths.
            var options = new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = AssetsPath };
            app.UseWhen(context => ListenerMatcherPolicy.ListenerOf(context) == ListenerKind.Console, branch => branch.UseStaticFiles(options));
        }

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
