using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Scopes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>Inserts groups and clients straight into a gateway host's database through <see cref="ConfigChangeWriter"/>.</summary>
internal static class ClientSeeder
{
    public static async Task<ApiGroup> CreateGroupAsync(GatewayHost host, string name, int[] apiIds, CancellationToken cancellationToken, Action<ApiGroup>? customize = null)
    {
        await using var db = await Factory(host).CreateDbContextAsync(cancellationToken);
        var group = new ApiGroup
        {
            Name = name,
            SecurityLevelId = await DefaultLevelAsync(db, cancellationToken),
            Apis = [.. apiIds.Select(a => new ApiGroupApi { ApiDefinitionId = a })],
        };
        customize?.Invoke(group);
        db.ApiGroups.Add(group);
        await CommitAsync(host, db, "ApiGroup", () => group.Id, cancellationToken);
        return group;
    }

    public static async Task<ApiClient> CreateClientAsync(GatewayHost host, string clientId, string password, int[] groupIds, CancellationToken cancellationToken, Action<ApiClient>? customize = null)
    {
        await using var db = await Factory(host).CreateDbContextAsync(cancellationToken);
        var client = new ApiClient
        {
            ClientId = clientId,
            ClientName = clientId + "-name",
            DisplayName = clientId,
            PasswordHash = host.Services.GetRequiredService<ClientPasswordHasher>().Hash(password),
            Note = "",
            SecurityLevelId = await DefaultLevelAsync(db, cancellationToken),
            Groups = [.. groupIds.Select(g => new ClientGroup { ApiGroupId = g })],

            // Unlimited unless a test sets it: most tests send bursts that TPS/Node would otherwise cut.
            TpsPerNode = 0,
        };
        customize?.Invoke(client);
        db.ApiClients.Add(client);
        await CommitAsync(host, db, "ApiClient", () => client.Id, cancellationToken);
        return client;
    }

    public static async Task<ApiScope> CreateScopeAsync(GatewayHost host, string name, int[] groupIds, CancellationToken cancellationToken)
    {
        await using var db = await Factory(host).CreateDbContextAsync(cancellationToken);
        var scope = new ApiScope { Name = name, Groups = [.. groupIds.Select(g => new ApiScopeGroup { ApiGroupId = g })] };
        db.ApiScopes.Add(scope);
        await CommitAsync(host, db, "ApiScope", () => scope.Id, cancellationToken);
        return scope;
    }

    public static async Task UpdateClientAsync(GatewayHost host, int id, Action<ApiClient> change, CancellationToken cancellationToken)
    {
        await using var db = await Factory(host).CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.SingleAsync(c => c.Id == id, cancellationToken);
        change(client);
        await CommitAsync(host, db, "ApiClient", () => id, cancellationToken);
    }

    public static async Task<ApiClient> ReadClientAsync(GatewayHost host, int id, CancellationToken cancellationToken)
    {
        await using var db = await Factory(host).CreateDbContextAsync(cancellationToken);
        return await db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
    }

    private static IDbContextFactory<GatewayDbContext> Factory(GatewayHost host) => host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();

    private static async Task<int> DefaultLevelAsync(GatewayDbContext db, CancellationToken cancellationToken) =>
        await db.SecurityLevels.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync(cancellationToken);

    private static Task CommitAsync(GatewayHost host, GatewayDbContext db, string type, Func<int> id, CancellationToken cancellationToken) =>
        host.Services.GetRequiredService<ConfigChangeWriter>().CommitAsync(
            db,
            GatewayHost.TestActor,
            () => new AuditChange(type, id().ToString(CultureInfo.InvariantCulture), "seed", null, null),
            cancellationToken);
}
