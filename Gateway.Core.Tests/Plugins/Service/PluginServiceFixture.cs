using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.IpRestriction;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;

namespace ApiManager.Gateway.Tests.Plugins.Service;

/// <summary>
/// A <see cref="PluginService"/> over a migrated temp database with ip-restriction and <see cref="SecretPluginDefinition"/>
/// installed, one backend, one API on it and one client.
/// </summary>
internal sealed class PluginServiceFixture : IAsyncDisposable
{
    private PluginServiceFixture(TempDatabase database)
    {
        Database = database;
        Clients = new ClientTestServices(database);
        var writer = new ConfigChangeWriter(Clients.Signal, new AuditRecorder(database.Factory, Clients.Time));
        Protector = new SecretProtector(new EphemeralDataProtectionProvider());
        Registry = new PluginRegistry([new IpRestrictionDefinition(), Secret], Protector);
        Plugins = new PluginService(database.Factory, writer, Registry, Protector, Clients.Time);
        Backends = new BackendService(database.Factory, writer, Clients.Time);
        Apis = new ApiService(database.Factory, writer, Clients.Time);
    }

    public TempDatabase Database { get; }

    public ClientTestServices Clients { get; }

    public SecretProtector Protector { get; }

    public SecretPluginDefinition Secret { get; } = new();

    public PluginRegistry Registry { get; }

    public PluginService Plugins { get; }

    public BackendService Backends { get; }

    public ApiService Apis { get; }

    public int BackendId { get; private set; }

    public int ApiId { get; private set; }

    public int ClientId { get; private set; }

    public static async Task<PluginServiceFixture> CreateAsync(CancellationToken ct)
    {
        var fixture = new PluginServiceFixture(await TempDatabase.CreateAsync(ct));
        fixture.BackendId = (await fixture.Backends.CreateAsync(new BackendInput { Name = "orders-be", Host = "127.0.0.1", Port = 9000 }, GatewayHost.TestActor, ct)).Id;
        fixture.ApiId = (await fixture.Apis.CreateAsync(new ApiInput { Name = "orders", DisplayName = "Orders", Path = "/orders", BackendId = fixture.BackendId }, GatewayHost.TestActor, ct)).Id;
        fixture.ClientId = (await fixture.Clients.Clients.CreateAsync(ClientTestServices.Input("acme"), GatewayHost.TestActor, ct)).Id;
        return fixture;
    }

    /// <summary>An ip-restriction input denying 10.0.0.0/8 at <paramref name="scope"/>.</summary>
    public static PluginInput IpInput(string scope, int? targetId, string configuration = """{"deny":["10.0.0.0/8"]}""") =>
        new() { Type = "ip-restriction", Scope = scope, TargetId = targetId, Configuration = configuration };

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
