using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The whole product on real Kestrel listeners (ports chosen by the OS), over a temp-file SQLite database:
/// what a browser or an HTTP client outside the process talks to.
/// </summary>
public sealed class RealServerFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Browser-Test-1!";
    public const string BootstrapToken = "bootstrap-token-for-real-server-tests-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "apimanager-browser-" + Guid.NewGuid().ToString("N"));
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="configure">Extra settings or services for one test class, applied after the defaults.</param>
    public RealServerFactory(Action<IWebHostBuilder>? configure = null)
    {
        _configure = configure;
        Directory.CreateDirectory(_directory);
        UseKestrel();
    }

    public Uri ConsoleUri => Services.GetRequiredService<ListenerAddresses>().GetUri(ListenerKind.Console)
        ?? throw new InvalidOperationException("The console listener is not bound.");

    public Uri GatewayUri => Services.GetRequiredService<ListenerAddresses>().GetUri(ListenerKind.Gateway)
        ?? throw new InvalidOperationException("The gateway listener is not bound.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_directory, "apimanager.db")}");
        builder.UseSetting("Admin:InitialPassword", AdminPassword);
        builder.UseSetting("Admin:ApiToken", BootstrapToken);
        builder.UseSetting("Console:Url", "http://127.0.0.1:0");
        builder.UseSetting("Gateway:Url", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        _configure?.Invoke(builder);
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
            // A file still held open by a finalising connection is left to the OS temp cleaner.
        }
    }
}
