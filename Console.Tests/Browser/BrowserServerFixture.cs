using ApiManager.Admin.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// One product on real ports plus one headless Chromium, shared by the tests of a class. Each test opens its own
/// browser context (own cookies) and creates its own users, so tests do not see each other's sign-ins or lockouts.
/// </summary>
public abstract class BrowserServerFixture : IAsyncLifetime
{
    /// <summary>Meets Identity's default rules (length, digit, upper, lower, symbol).</summary>
    public const string UserPassword = "User-Pass-42!";

    private static int _userCounter;

    private RealServerFactory? _factory;
    private BrowserSession? _session;

    public RealServerFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    public Uri ConsoleUri => Factory.ConsoleUri;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15000);
        _factory = new RealServerFactory(ConfigureWebHost);
        _factory.StartServer();
        _session = await BrowserSession.StartAsync();
    }

    /// <summary>A fresh browser context (no cookies) whose relative URLs resolve against the console listener.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var session = _session ?? throw new InvalidOperationException("The fixture is not initialised.");
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ConsoleUri.ToString() });
        context.SetDefaultTimeout(15000);
        context.SetDefaultNavigationTimeout(15000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates an enabled console user with <paramref name="role"/> and <see cref="UserPassword"/>; the name is unique.</summary>
    public async Task<AdminUser> CreateUserAsync(string prefix, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = new AdminUser { UserName = $"{prefix}{Interlocked.Increment(ref _userCounter)}", CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Check(await users.CreateAsync(user, UserPassword));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Opens the login page and posts the form (does not wait for the outcome).</summary>
    public static async Task SubmitLoginAsync(IPage page, string userName, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/login" : "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        await page.GotoAsync(path);
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
    }

    /// <summary>Signs in and waits until the console page it lands on is interactive.</summary>
    public static async Task LoginAsync(IPage page, string userName, string password)
    {
        await SubmitLoginAsync(page, userName, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await BrowserSession.WaitForInteractiveAsync(page);
    }

    protected virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
