using ApiManager.Admin.Account;
using ApiManager.Admin.Configuration;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Management;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Composition of the one process: console, portal, admin API, jobs and the gateway.</summary>
internal static class AdminConsoleExtensions
{
    // The keys WebApplication checks before adding UseAuthentication/UseAuthorization on its own.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName))
            .Validate(o => o.LockoutMaxAttempts > 0 && o.LockoutMinutes > 0, "Admin:LockoutMaxAttempts and Admin:LockoutMinutes must be positive.")
            .ValidateOnStart();
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName));

        var listeners = new ListenerAddresses();
        services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var consoleUrl = context.Configuration[$"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.Url)}"] ?? new ConsoleOptions().Url;
            var gatewayUrl = context.Configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Url)}"] ?? new GatewayOptions().Url;
            listeners.Register(ListenerKind.Console, kestrel.ListenAs(consoleUrl, ListenerKind.Console));
            listeners.Register(ListenerKind.Gateway, kestrel.ListenAs(gatewayUrl, ListenerKind.Gateway));
        });

        services.AddGateway(configuration);

        services.AddDbContextFactory<AdminDbContext>((sp, options) =>
        {
            var connectionString = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
            options.UseApiManagerSqlite(connectionString, typeof(AdminDbContext).Assembly.GetName().Name!, AdminDbContext.HistoryTable);
        });
        services.AddDataProtection().SetApplicationName("ApiManager").PersistKeysToDbContext<AdminDbContext>();

        var admin = configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new AdminOptions();
        services.AddIdentity<AdminUser, IdentityRole>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = admin.LockoutMaxAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(admin.LockoutMinutes);
                options.Password.RequiredLength = 8;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AdminDbContext>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder().AddAdminPolicies();

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<AccessTokenService>();
        builder.AddConsoleUi();
        builder.AddPartnerPortal();
        builder.AddAdminApi();
        builder.AddMailAndJobs();
        return builder;
    }

    /// <summary>Migrates and seeds; must run before <c>MapGateway</c>, whose first config load reads the database.</summary>
    public static Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        // Gateway traffic never carries console cookies or forms: keep these off its hot path. WebApplication adds
        // authentication and authorization to the whole pipeline unless it sees them set on the app itself, and a
        // branch only sets them on its own copy of the properties, so mark them here.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
        app.UseWhen(context => ListenerMatcherPolicy.ListenerOf(context) == ListenerKind.Console, console =>
        {
            console.UseConsoleNotFoundPage();
            console.UseAuthentication();
            console.UseAuthorization();
            console.UseAntiforgery();
        });
        app.MapConsoleUi();
        app.MapPartnerPortal();
        app.MapAdminApi();
        return app;
    }
}
