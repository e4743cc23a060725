using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Apis.Wizard;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.IpRestriction;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Apis.Wizard;

/// <summary>
/// The real services the wizard writes through, over a temp database: ip-restriction and
/// <see cref="WriteFailingPluginDefinition"/> (cors) installed.
/// </summary>
internal sealed class WizardServices : IAsyncDisposable
{
    private readonly OpenApiSpecFetcher _fetcher;

    private WizardServices(TempDatabase database)
    {
        Database = database;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var writer = new ConfigChangeWriter(new TestConfigSignal(), new AuditRecorder(database.Factory, time));
        var protector = new SecretProtector(new EphemeralDataProtectionProvider());
        Backends = new BackendService(database.Factory, writer, time);
        Apis = new ApiService(database.Factory, writer, time);
        Plugins = new PluginService(database.Factory, writer, new PluginRegistry([new IpRestrictionDefinition(), new WriteFailingPluginDefinition()], protector), protector, time);
        var options = new OpenApiImportOptions();
        _fetcher = new OpenApiSpecFetcher(options);
        var import = new OpenApiImportService(database.Factory, Apis, _fetcher, options);
        Wizard = new ApiWizardService(database.Factory, Backends, Apis, import, new ApiAuthenticationService(database.Factory, writer, time), Plugins);
    }

    public TempDatabase Database { get; }

    public BackendService Backends { get; }

    public ApiService Apis { get; }

    public PluginService Plugins { get; }

    public ApiWizardService Wizard { get; }

    public static async Task<WizardServices> CreateAsync(CancellationToken cancellationToken) => new(await TempDatabase.CreateAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        Plugins.Dispose();
        await Database.DisposeAsync();
    }
}
