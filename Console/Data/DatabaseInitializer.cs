using System.Security.Cryptography;
using ApiManager.Admin.Account;
using ApiManager.Admin.Configuration;
using ApiManager.Gateway.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Data;

/// <summary>Creates and migrates the database, then seeds roles and the first administrator.</summary>
internal sealed partial class DatabaseInitializer(
    IServiceProvider services,
    IDbContextFactory<GatewayDbContext> gatewayContexts,
    IDbContextFactory<AdminDbContext> adminContexts,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<AdminOptions> adminOptions,
    TimeProvider timeProvider,
    ILogger<DatabaseInitializer> logger)
{
    public const string AdminUserName = "admin";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        SqliteSetup.EnsureDirectory(databaseOptions.Value.ConnectionString);
        await using (var gateway = await gatewayContexts.CreateDbContextAsync(cancellationToken))
        {
            await gateway.Database.MigrateAsync(cancellationToken);
        }

        await using (var admin = await adminContexts.CreateDbContextAsync(cancellationToken))
        {
            await admin.Database.MigrateAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AdminRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), "create role " + role);
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        if (await users.FindByNameAsync(AdminUserName) is null)
        {
            var configured = adminOptions.Value.InitialPassword;
            var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
            var user = new AdminUser { UserName = AdminUserName, DisplayName = "Administrator", CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
            EnsureSucceeded(await users.CreateAsync(user, password), "create the administrator");
            EnsureSucceeded(await users.AddToRoleAsync(user, AdminRoles.Administrator), "grant the administrator role");
            if (string.IsNullOrEmpty(configured))
            {
                // Written once, on first start only; set Admin:InitialPassword to choose it instead.
                LogGeneratedPassword(logger, AdminUserName, password);
            }
            else
            {
                LogSeeded(logger, AdminUserName);
            }
        }
    }

    /// <summary>A random password that satisfies the Identity policy (upper, lower, digit, symbol).</summary>
    internal static string GeneratePassword()
    {
        const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string Lower = "abcdefghijkmnopqrstuvwxyz";
        const string Digits = "23456789";
        const string Symbols = "!@#$%^&*-_=+";
        const string All = Upper + Lower + Digits + Symbols;
        var chars = new char[20];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = All[RandomNumberGenerator.GetInt32(All.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Seeded console user '{UserName}' with the generated password: {Password}  (shown once; change it after signing in)")]
    private static partial void LogGeneratedPassword(ILogger logger, string userName, string password);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Seeded console user '{UserName}' with the password from Admin:InitialPassword.")]
    private static partial void LogSeeded(ILogger logger, string userName);
}
