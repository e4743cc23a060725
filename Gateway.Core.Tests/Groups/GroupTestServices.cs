using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.SecurityLevels;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Groups;

/// <summary>Level, group, scope and API services over a <see cref="TempDatabase"/>, plus helpers that insert clients directly.</summary>
internal sealed class GroupTestServices
{
    private readonly TempDatabase _database;

    public GroupTestServices(TempDatabase database)
    {
        _database = database;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Signal = new TestConfigSignal();
        var writer = new ConfigChangeWriter(Signal, new AuditRecorder(database.Factory, time));
        Levels = new SecurityLevelService(database.Factory, writer, time);
        Groups = new ApiGroupService(database.Factory, writer, time);
        Scopes = new ApiScopeService(database.Factory, writer, time);
        Backends = new BackendService(database.Factory, writer, time);
        Apis = new ApiService(database.Factory, writer, time);
    }

    public TestConfigSignal Signal { get; }

    public SecurityLevelService Levels { get; }

    public ApiGroupService Groups { get; }

    public ApiScopeService Scopes { get; }

    public BackendService Backends { get; }

    public ApiService Apis { get; }

    public Task<ApiGroup> CreateGroupAsync(string name, CancellationToken cancellationToken, int? levelId = null) =>
        Groups.CreateAsync(new ApiGroupInput { Name = name, SecurityLevelId = levelId }, GatewayHost.TestActor, cancellationToken);

    public async Task<ApiDefinition> CreateApiAsync(string name, CancellationToken cancellationToken)
    {
        var backend = await Backends.CreateAsync(new BackendInput { Name = name + "-backend", Host = "127.0.0.1", Port = 8080 }, GatewayHost.TestActor, cancellationToken);
        return await Apis.CreateAsync(new ApiInput { Name = name, DisplayName = name, Path = "/" + name, BackendId = backend.Id }, GatewayHost.TestActor, cancellationToken);
    }

    /// <summary>Inserts a client at level <paramref name="levelId"/> holding the given groups and scopes.</summary>
    public async Task<ApiClient> CreateClientAsync(string clientId, int levelId, CancellationToken cancellationToken, int[]? groupIds = null, int[]? scopeIds = null)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var client = new ApiClient
        {
            ClientId = clientId,
            ClientName = clientId,
            DisplayName = clientId,
            PasswordHash = "x",
            Note = "test",
            SecurityLevelId = levelId,
            Groups = [.. (groupIds ?? []).Select(g => new ClientGroup { ApiGroupId = g })],
            Scopes = [.. (scopeIds ?? []).Select(s => new ClientScope { ApiScopeId = s })],
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return client;
    }

    public async Task<int> CountAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<T>().CountAsync(cancellationToken);
    }

    public async Task<AuditEntry> LastAuditAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(cancellationToken);
    }
}
