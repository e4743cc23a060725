using ApiManager.Admin.Account;
using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Jobs;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Jobs;
using ApiManager.Gateway.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace ApiManager.Admin.Tests.Mail;

/// <summary>
/// The mail and job services as the console registers them (<c>AddMailAndJobServices</c>), on a migrated temp SQLite file,
/// with a <see cref="FakeTimeProvider"/> and, unless told otherwise, a <see cref="FakeMailTransport"/>.
/// </summary>
internal sealed class MailTestHost : IAsyncDisposable
{
    private readonly string _directory;
    private IScheduler? _scheduler;

    private MailTestHost(string directory, ServiceProvider services, FakeTimeProvider time, FakeMailTransport? transport)
    {
        _directory = directory;
        Services = services;
        Time = time;
        Transport = transport;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The fake transport, or null when the host uses the real SMTP transport.</summary>
    public FakeMailTransport? Transport { get; }

    public MailOutboxService Outbox => Services.GetRequiredService<MailOutboxService>();

    public static async Task<MailTestHost> CreateAsync(
        IDictionary<string, string?>? mail = null,
        bool realTransport = false,
        CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "apimanager-mail-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "test.db")}",
            ["Mail:PollIntervalSeconds"] = "3600",
        };
        foreach (var (key, value) in mail ?? new Dictionary<string, string?>())
        {
            settings["Mail:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 8, 0, 0, TimeSpan.Zero));
        var transport = realTransport ? null : new FakeMailTransport();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IHostApplicationLifetime, TestApplicationLifetime>();
        if (transport is not null)
        {
            services.AddSingleton<IMailTransport>(transport);
        }

        services.AddGateway(configuration);
        services.AddMailAndJobServices(configuration);
        services.AddConsoleModel();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var factory = provider.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        return new MailTestHost(directory, provider, time, transport);
    }

    /// <summary>Starts the in-memory Quartz scheduler configured by <c>AddMailAndJobServices</c>; shut down on dispose.</summary>
    public async Task<IScheduler> StartSchedulerAsync(CancellationToken cancellationToken)
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        _scheduler = scheduler;
        return scheduler;
    }

    /// <summary>Polls the job runs until <paramref name="count"/> rows of <paramref name="jobName"/> exist.</summary>
    public Task<IReadOnlyList<JobRun>> WaitForJobRunsAsync(string jobName, int count, CancellationToken cancellationToken) =>
        JobRunWait.ForRunsAsync(Services, jobName, count, cancellationToken);

    public async Task<GatewayDbContext> DbAsync(CancellationToken cancellationToken) =>
        await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(cancellationToken);

    /// <summary>A signed-in console user; only an Administrator may write.</summary>
    public static ConsoleUser User(string name, string role) => new(name + "-id", name, role, role == AdminRoles.Administrator);

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(true, CancellationToken.None);
        }

        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the OS.
        }
    }

    private sealed class TestApplicationLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
