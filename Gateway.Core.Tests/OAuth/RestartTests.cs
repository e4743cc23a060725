using System.Net;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>A restart on the same database keeps the signing key, the issued tokens and their use counts.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDatabase_TokenStillValidAndUseCountKept()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("restart", ct);
        await using var database = await TempDatabase.CreateAsync(ct);
        var keys = Directory.CreateTempSubdirectory("apimanager-dp-");
        string token;
        string path;
        await using (var first = await StartAsync(database, keys, ct))
        {
            var actor = GatewayHost.TestActor;
            var services = first.Services;
            var backendRow = await services.GetRequiredService<BackendService>().CreateAsync(new BackendInput { Name = "b", Host = "127.0.0.1", Port = backend.Port }, actor, ct);
            var api = await services.GetRequiredService<ApiService>().CreateAsync(new ApiInput { Name = "r", DisplayName = "r", Path = "/restart", BackendId = backendRow.Id, IsPublic = false }, actor, ct);
            path = "/restart";
            await using (var db = await services.GetRequiredService<IDbContextFactory<Data.GatewayDbContext>>().CreateDbContextAsync(ct))
            {
                var level = await db.SecurityLevels.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync(ct);
                var group = new ApiGroup { Name = "restart", SecurityLevelId = level, Apis = [new ApiGroupApi { ApiDefinitionId = api.Id }] };
                db.ApiGroups.Add(group);
                await db.SaveChangesAsync(ct);
                db.ApiClients.Add(new ApiClient
                {
                    ClientId = "restart-client",
                    ClientName = "restart-client",
                    DisplayName = "r",
                    Note = "",
                    PasswordHash = services.GetRequiredService<ClientPasswordHasher>().Hash("Secret-1"),
                    SecurityLevelId = level,
                    AccessTokenQuota = 3,
                    Groups = [new ClientGroup { ApiGroupId = group.Id }],
                });
                await services.GetRequiredService<ConfigChangeWriter>().CommitAsync(db, actor, () => new Auditing.AuditChange("ApiClient", "r", "seed", null, null), ct);
            }

            await WaitForConfigAsync(services, ct);
            token = await OAuthTestClient.AccessTokenAsync(first.Gateway, "restart-client", "Secret-1", ct);
            using var call = await first.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            var jti = new JsonWebToken(token).Id;
            await TokenEndpointTests.WaitForAsync(async () =>
            {
                await using var db = await database.Factory.CreateDbContextAsync(ct);
                return (await db.OAuthTokens.SingleAsync(t => t.Jti == jti, ct)).Uses == 1;
            }, ct);
        }

        // Act
        await using var second = await StartAsync(database, keys, ct);
        using var call2 = await second.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
        using var call3 = await second.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
        using var call4 = await second.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.True(call2.StatusCode == HttpStatusCode.OK, await call2.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, call3.StatusCode);
        var problem = await ProblemBody.AssertAsync(call4, 401, "invalid_token", ct);
        Assert.Contains("Over Access Token Allow Times", problem.Detail, StringComparison.Ordinal);
        keys.Delete(recursive: true);
    }

    private static async Task WaitForConfigAsync(IServiceProvider services, CancellationToken ct)
    {
        var target = await services.GetRequiredService<ICatalogReader>().ReadVersionAsync(ct);
        var provider = services.GetRequiredService<DbProxyConfigProvider>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (provider.AppliedVersion < target)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static async Task<RunningHost> StartAsync(TempDatabase database, DirectoryInfo keys, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Gateway:RebuildDebounceMs"] = "50",
            ["Gateway:ConfigPollIntervalMs"] = "60000",

            // Ports differ between the two runs: the issuer is the configured public URL, as in production.
            ["OAuth:Issuer"] = "https://gateway.example.test/",
        });
        var listeners = new ListenerAddresses();
        builder.Services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            listeners.Register(ListenerKind.Gateway, kestrel.ListenAs("http://127.0.0.1:0", ListenerKind.Gateway));
            listeners.Register(ListenerKind.Console, kestrel.ListenAs("http://127.0.0.1:0", ListenerKind.Console));
        });
        builder.Services.AddGateway(builder.Configuration);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(keys);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync(ct);
        await WaitForConfigAsync(app.Services, ct);
        return new RunningHost(app, new HttpClient { BaseAddress = listeners.GetUri(ListenerKind.Gateway) });
    }

    private sealed class RunningHost(WebApplication app, HttpClient gateway) : IAsyncDisposable
    {
        public HttpClient Gateway { get; } = gateway;

        public IServiceProvider Services => app.Services;

        public async ValueTask DisposeAsync()
        {
            Gateway.Dispose();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }
}
