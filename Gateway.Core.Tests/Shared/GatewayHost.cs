using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>
/// The gateway as the product runs it, minus the console: <c>AddGateway</c> + <c>MapGateway</c> on a fresh migrated
/// SQLite file, with a gateway and a console listener on free loopback ports.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public static readonly Actor TestActor = new("tester", "system");

    private readonly WebApplication _app;
    private readonly TempDatabase _database;

    private GatewayHost(WebApplication app, TempDatabase database)
    {
        _app = app;
        _database = database;
        var listeners = app.Services.GetRequiredService<ListenerAddresses>();
        Gateway = new HttpClient { BaseAddress = listeners.GetUri(ListenerKind.Gateway), Timeout = TimeSpan.FromSeconds(30) };
        Console = new HttpClient { BaseAddress = listeners.GetUri(ListenerKind.Console), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Client of the gateway listener.</summary>
    public HttpClient Gateway { get; }

    /// <summary>Client of the console listener.</summary>
    public HttpClient Console { get; }

    public IServiceProvider Services => _app.Services;

    public ApiService Apis => Services.GetRequiredService<ApiService>();

    public BackendService Backends => Services.GetRequiredService<BackendService>();

    public DbProxyConfigProvider Provider => Services.GetRequiredService<DbProxyConfigProvider>();

    public static async Task<GatewayHost> StartAsync(CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TempDatabase.CreateAsync(cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Gateway:RebuildDebounceMs"] = "50",
            ["Gateway:ConfigPollIntervalMs"] = "60000",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var listeners = new ListenerAddresses();
        builder.Services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            listeners.Register(ListenerKind.Gateway, kestrel.ListenAs("http://127.0.0.1:0", ListenerKind.Gateway));
            listeners.Register(ListenerKind.Console, kestrel.ListenAs("http://127.0.0.1:0", ListenerKind.Console));
        });
        builder.Services.AddGateway(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync(cancellationToken);
        return new GatewayHost(app, database);
    }

    /// <summary>Creates a backend pointing at <paramref name="port"/> on 127.0.0.1.</summary>
    public Task<Backend> CreateBackendAsync(string name, int port, CancellationToken cancellationToken, string? basePath = null, int readTimeoutMs = 10000, int connectTimeoutMs = 5000) =>
        Backends.CreateAsync(new BackendInput { Name = name, Host = "127.0.0.1", Port = port, BasePath = basePath, ReadTimeoutMs = readTimeoutMs, ConnectTimeoutMs = connectTimeoutMs }, TestActor, cancellationToken);

    /// <summary>Creates an API on <paramref name="backendId"/>.</summary>
    public Task<ApiDefinition> CreateApiAsync(string name, string path, int backendId, CancellationToken cancellationToken, Func<ApiInput, ApiInput>? customize = null)
    {
        var input = new ApiInput { Name = name, DisplayName = name, Path = path, BackendId = backendId, IsPublic = true };
        return Apis.CreateAsync(customize?.Invoke(input) ?? input, TestActor, cancellationToken);
    }

    /// <summary>Waits until the router serves the database's current config version.</summary>
    public async Task WaitForConfigAsync(CancellationToken cancellationToken)
    {
        var target = await Services.GetRequiredService<ICatalogReader>().ReadVersionAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (Provider.AppliedVersion < target)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Console.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
