using System.Net.Http.Headers;
using ApiManager.Admin.Account;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Shared;

/// <summary>
/// The whole app on TestServer over a temp-file SQLite database, with the bootstrap token configured and personal
/// access tokens for the seeded Administrator and for an Operator. TestServer has no listener feature, so every
/// request counts as console traffic.
/// </summary>
public sealed class ApiAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Adm1n!Passw0rd";
    public const string BootstrapToken = "bootstrap-test-token-4f9c2a7e1b";
    public const string OperatorUserName = "operator1";

    /// <summary>Path that answers with the console cookie's user name, proving a cookie is valid.</summary>
    public const string CookieProbePath = "/test/cookie-user";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "apimanager-api-tests", Guid.NewGuid().ToString("N"));

    public string AdminToken { get; private set; } = "";
    public string AdminUserId { get; private set; } = "";
    public string OperatorToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _ = Server;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("The administrator was not seeded.");
        AdminUserId = admin.Id;

        var operatorUser = new AdminUser { UserName = OperatorUserName, DisplayName = "Operator" };
        Check(await users.CreateAsync(operatorUser, "0perator!Passw0rd"));
        Check(await users.AddToRoleAsync(operatorUser, AdminRoles.Operator));

        var tokens = Services.GetRequiredService<AccessTokenService>();
        AdminToken = (await tokens.CreateAsync(admin.Id, "tests", null, Actor.System, cancellationToken)).Value;
        OperatorToken = (await tokens.CreateAsync(operatorUser.Id, "tests", null, Actor.System, cancellationToken)).Value;
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token (none when null).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A valid console sign-in cookie (<c>name=value</c>) for the seeded administrator.</summary>
    public async Task<string> CreateConsoleCookieAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AdminUser>>();
        var admin = await users.FindByIdAsync(AdminUserId) ?? throw new InvalidOperationException("No administrator.");
        var principal = await factory.CreateAsync(admin);
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_directory, "apimanager.db")}");
        builder.UseSetting("Admin:InitialPassword", AdminPassword);
        builder.UseSetting("Admin:ApiToken", BootstrapToken);
        builder.UseSetting("Console:Url", "http://127.0.0.1:0");
        builder.UseSetting("Gateway:Url", "http://127.0.0.1:0");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, CookieProbeStartupFilter>());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Adds <see cref="CookieProbePath"/>, which reports who the console cookie signs in.</summary>
    private sealed class CookieProbeStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path == CookieProbePath)
                {
                    var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
                    await context.Response.WriteAsync(result.Principal?.Identity?.Name ?? "", context.RequestAborted);
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
