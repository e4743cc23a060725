using ApiManager.Admin.Account;
using ApiManager.Admin.Configuration;
using ApiManager.Admin.Data;
using ApiManager.Admin.Tests.Mail;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Quartz;

namespace ApiManager.Admin.Tests.Shared;

/// <summary>
/// bUnit base for console pages: MudBlazor without transitions, loose JS interop, the production gateway and
/// admin registrations over a real temp-file SQLite database (migrated and seeded), a settable signed-in user and a
/// <see cref="FakeTimeProvider"/>. Signed in as the seeded Administrator <c>admin</c> by default. The mail and job
/// services are registered as in production, over a <see cref="FakeMailTransport"/>, with SMTP not configured; the
/// scheduler runs only after <see cref="StartSchedulerAsync"/>.
/// </summary>
public abstract class AdminTestContext : BunitContext, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"apimanager-ui-{Guid.NewGuid():N}.db");
    private IConfigurationRoot? _configuration;
    private IScheduler? _scheduler;

    static AdminTestContext()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected AdminTestContext()
    {
        AddTestServices();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    public UiAuthenticationStateProvider Auth { get; } = new();

    internal FakeMailTransport MailTransport { get; } = new();

    /// <summary>Id of the seeded administrator (set by <see cref="InitializeAsync"/>).</summary>
    public string AdminUserId { get; private set; } = "";

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Registers everything the pages need (called by the constructor).</summary>
    protected void AddTestServices()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={_databasePath}",
            ["Admin:InitialPassword"] = AdminPassword,
            ["Mail:PollIntervalSeconds"] = "3600",
        }).Build();
        _configuration = configuration;

        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddGateway(configuration);
        Services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName));
        Services.AddDbContextFactory<AdminDbContext>((sp, options) =>
            options.UseApiManagerSqlite(configuration["Database:ConnectionString"]!, typeof(AdminDbContext).Assembly.GetName().Name!, AdminDbContext.HistoryTable));
        Services.AddIdentityCore<AdminUser>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminDbContext>();
        Services.AddSingleton<DatabaseInitializer>();
        Services.AddSingleton<AccessTokenService>();

        // bUnit registers stand-ins that refuse to authorize; the real service evaluates the production policies.
        Services.RemoveAll<IAuthorizationService>();
        Services.RemoveAll<IAuthorizationPolicyProvider>();
        Services.RemoveAll<AuthenticationStateProvider>();
        Services.AddAuthorizationCore();
        Services.AddAuthorizationBuilder().AddAdminPolicies();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(Auth);

        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddConsoleModel();
        Services.AddSingleton<IMailTransport>(MailTransport);
        Services.AddMailAndJobServices(configuration);
    }

    /// <summary>Changes a configuration value; options monitors see it from now on.</summary>
    public void SetSetting(string key, string? value)
    {
        var configuration = _configuration ?? throw new InvalidOperationException("The services are not registered yet.");
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>Starts the in-memory Quartz scheduler; it is shut down when the context is disposed.</summary>
    public async Task StartSchedulerAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await scheduler.Start(Ct);
        _scheduler = scheduler;
    }

    public virtual async ValueTask InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(Ct);
        await using var db = await Services.GetRequiredService<IDbContextFactory<AdminDbContext>>().CreateDbContextAsync(Ct);
        AdminUserId = (await db.Users.SingleAsync(u => u.UserName == DatabaseInitializer.AdminUserName, Ct)).Id;
        SignInAsAdministrator();
    }

    public void SignInAsAdministrator() => Auth.SignIn(AdminUserId, DatabaseInitializer.AdminUserName, AdminRoles.Administrator);

    public void SignInAsOperator(string userId = "operator-id", string userName = "operator") => Auth.SignIn(userId, userName, AdminRoles.Operator);

    /// <summary>The actor used to seed test data.</summary>
    public static Actor SeedActor { get; } = new("seed", "system");

    public Task<Backend> CreateBackendAsync(string name, string host = "127.0.0.1", int port = 9000) =>
        Services.GetRequiredService<BackendService>().CreateAsync(new BackendInput { Name = name, Host = host, Port = port }, SeedActor, Ct);

    public Task<ApiDefinition> CreateApiAsync(string name, int backendId, string path, ApiStatus status = ApiStatus.Active, params string[] tags) =>
        Services.GetRequiredService<ApiService>().CreateAsync(
            new ApiInput { Name = name, DisplayName = name + " API", Path = path, BackendId = backendId, Status = status, Tags = tags }, SeedActor, Ct);

    /// <summary>The error text MudBlazor shows under the input marked <c>data-testid=<paramref name="testId"/></c>, or "".</summary>
    public static string FieldErrorOf(IRenderedComponent<IComponent> cut, string testId)
    {
        ArgumentNullException.ThrowIfNull(cut);
        var control = cut.Find($"[data-testid={testId}]").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No input control around {testId}.");
        var error = control.QuerySelector(".mud-input-error .mud-input-helper-text") ?? control.QuerySelector(".mud-input-error");
        return error?.TextContent.Trim() ?? "";
    }

    /// <summary>Clicks the button labelled <paramref name="text"/> in the open dialog.</summary>
    public static Task ClickDialogButtonAsync(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string text)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var button = dialogs.FindAll(".mud-dialog button").FirstOrDefault(b => b.TextContent.Trim() == text)
            ?? throw new InvalidOperationException($"No '{text}' button in the dialog.");
        return button.ClickAsync(new());
    }

    /// <summary>Path and query the fake navigation manager was last sent to.</summary>
    public string CurrentPath
    {
        get
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            return "/" + navigation.ToBaseRelativePath(navigation.Uri);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteDatabase();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(true, CancellationToken.None);
        }

        await base.DisposeAsyncCore();
        DeleteDatabase();
    }

    private void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
