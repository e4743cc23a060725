using System.Net;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>API quota through a real gateway, backend and SQLite file: exactness, order after TPS, persistence, reset job.</summary>
public sealed class QuotaGatewayTests
{
    private const string Password = "Quota-Secret-1";

    [Fact]
    public async Task Call_32ConcurrentCallersSendingFiveTimesTheQuota_ExactlyQuotaSucceed()
    {
        // Arrange
        const int quota = 20;
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var (path, client) = await SetupAsync(host, backend, "exact", c => c.ApiQuota = quota, ct);
        var before = backend.RequestCount;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        // Act
        var callers = Enumerable.Range(0, 32).Select(async caller =>
        {
            for (var i = caller; i < quota * 5; i += 32)
            {
                using var response = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
                statuses.Add(response.StatusCode);
            }
        });
        await Task.WhenAll(callers);

        // Assert
        Assert.Equal(quota * 5, statuses.Count);
        Assert.Equal(quota, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(quota * 4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(before + quota, backend.RequestCount);
        var usage = await host.Services.GetRequiredService<ClientQuotaService>().GetAsync(client.ClientId, ct);
        Assert.Equal(quota, usage.Used);
    }

    [Fact]
    public async Task Call_BeyondQuota_429QuotaExceededWithRetryAfterToLocalMidnight()
    {
        // Arrange: 2026-11-22 15:00 UTC is 23:00 in Taipei.
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct, services => services.AddSingleton(new ClientQuotaCounter(clock)));
        var (path, client) = await SetupAsync(host, backend, "retry", c =>
        {
            c.ApiQuota = 1;
            c.TimeZoneId = "Asia/Taipei";
        }, ct);
        using var first = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);

        // Act
        using var refused = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        clock.Advance(TimeSpan.FromHours(1));
        using var nextDay = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemBody.AssertAsync(refused, 429, "quota_exceeded", ct);
        Assert.Equal("3600", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task Call_RefusedByTps_SpendsNoQuota()
    {
        // Arrange: TPS 1 and quota 2, both on one fake clock.
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct, services =>
        {
            services.AddSingleton(new ClientTpsLimiter(clock));
            services.AddSingleton(new ClientQuotaCounter(clock));
        });
        var (path, client) = await SetupAsync(host, backend, "order", c =>
        {
            c.ApiQuota = 2;
            c.TpsPerNode = 1;
        }, ct);

        // Act
        var statuses = new List<HttpStatusCode>();
        var codes = new List<string?>();
        for (var second = 0; second < 3; second++)
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
                statuses.Add(response.StatusCode);
                codes.Add(response.StatusCode == HttpStatusCode.OK ? null : (await ProblemBody.ReadAsync(response, ct)).Code);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Assert: two TPS refusals in each of the first two seconds leave both quota calls for the second second.
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
             HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
             HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            statuses);
        Assert.Equal([null, "tps_exceeded", "tps_exceeded", null, "tps_exceeded", "tps_exceeded", "quota_exceeded", "tps_exceeded", "tps_exceeded"], codes);
    }

    [Fact]
    public async Task Call_AsAnonymousClient_SpendsTheAnonymousClientsQuota()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var (path, client) = await SetupAsync(host, backend, "anon", c => c.ApiQuota = 1, ct);
        var settings = host.Services.GetRequiredService<ApiAuthenticationService>();
        var apiId = host.Provider.Current!.Routes.Values.Single(r => r.Name == "anon").ApiId;
        var current = await settings.GetAsync(apiId, ct);
        await settings.UpdateAsync(apiId, current! with { AcceptedCredentials = CredentialTypes.ClientBasic, BasicAuth = current.BasicAuth with { Anonymous = client.ClientId } }, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var first = await host.Gateway.GetAsync(path, ct);
        using var second = await host.Gateway.GetAsync(path, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemBody.AssertAsync(second, 429, "quota_exceeded", ct);
    }

    [Fact]
    public async Task Restart_SameDatabase_UsageSurvives()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = database.ConnectionString };
        await using var backend = await TestBackend.StartAsync("quota", ct);
        string path;
        string clientId;
        await using (var first = await GatewayHost.StartAsync(ct, settings: settings))
        {
            (path, var client) = await SetupAsync(first, backend, "restart", c => c.ApiQuota = 5, ct);
            clientId = client.ClientId;
            for (var i = 0; i < 3; i++)
            {
                using var response = await first.Gateway.SendAsync(ClientEnforcementTests.Request(path, clientId, Password), ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // Act
        await using var second = await GatewayHost.StartAsync(ct, settings: settings);
        var usage = await second.Services.GetRequiredService<ClientQuotaService>().GetAsync(clientId, ct);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await second.Gateway.SendAsync(ClientEnforcementTests.Request(path, clientId, Password), ct);
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.Equal(3, usage.Used);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Writer_WithinASecond_StoresTheLiveUsage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var (path, client) = await SetupAsync(host, backend, "flush", c => c.ApiQuota = 10, ct);

        // Act
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var row = await ReadRowAsync(host, client.Id, ct);

        // Assert
        Assert.NotNull(row);
        Assert.Equal(4, row.Used);
    }

    [Fact]
    public async Task ResetEndedPeriods_RunTwiceAfterTheBoundary_ResetsOnceAndCallsPassAgain()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct, services => services.AddSingleton(new ClientQuotaCounter(clock)));
        var (path, client) = await SetupAsync(host, backend, "job", c =>
        {
            c.ApiQuota = 2;
            c.TimeZoneId = "Asia/Taipei";
        }, ct);
        var quotas = host.Services.GetRequiredService<ClientQuotaService>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        }

        await ClientEnforcementTests.WaitForAsync(async () => (await ReadRowAsync(host, client.Id, ct))?.Used == 2, ct);
        var beforeBoundary = await quotas.ResetEndedPeriodsAsync(ct);
        clock.Advance(TimeSpan.FromHours(1));

        // Act
        var first = await quotas.ResetEndedPeriodsAsync(ct);
        var second = await quotas.ResetEndedPeriodsAsync(ct);
        var row = await ReadRowAsync(host, client.Id, ct);
        using var call = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(0, beforeBoundary);
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.NotNull(row);
        Assert.Equal(0, row.Used);
        Assert.Equal(new DateTime(2026, 11, 22, 16, 0, 0, DateTimeKind.Utc), row.PeriodStart);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task Reset_ByAdmin_StartsTheClientAgainAndIsAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var (path, client) = await SetupAsync(host, backend, "manual", c => c.ApiQuota = 1, ct);
        using var used = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        using var refused = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        var quotas = host.Services.GetRequiredService<ClientQuotaService>();

        // Act
        var usage = await quotas.ResetAsync(client.ClientId.ToUpperInvariant(), GatewayHost.TestActor, ct);
        using var again = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(0, usage.Used);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == ClientQuotaService.EntityName && a.Action == "reset", ct));
    }

    [Fact]
    public async Task GetAndReset_UnknownClient_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await GatewayHost.StartAsync(ct);
        var quotas = host.Services.GetRequiredService<ClientQuotaService>();

        // Act / Assert
        await Assert.ThrowsAsync<ApiManager.Gateway.Common.EntityNotFoundException>(() => quotas.GetAsync("nobody", ct));
        await Assert.ThrowsAsync<ApiManager.Gateway.Common.EntityNotFoundException>(() => quotas.ResetAsync(" ", GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteClient_WithStoredUsage_RowGoesWithIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("quota", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var (path, client) = await SetupAsync(host, backend, "gone", c => c.ApiQuota = 3, ct);
        using var response = await host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);
        await ClientEnforcementTests.WaitForAsync(async () => await ReadRowAsync(host, client.Id, ct) is not null, ct);

        // Act
        await host.Services.GetRequiredService<ApiClientService>().DeleteAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Null(await ReadRowAsync(host, client.Id, ct));
    }

    private static async Task<(string Path, ApiClient Client)> SetupAsync(GatewayHost host, TestBackend backend, string name, Action<ApiClient> customize, CancellationToken ct)
    {
        var backendId = (await host.CreateBackendAsync(name, backend.Port, ct)).Id;
        var api = await host.CreateApiAsync(name, "/" + name, backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, name, [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(host, name + "-client", Password, [group.Id], ct, customize);
        await host.WaitForConfigAsync(ct);
        return ("/" + name, client);
    }

    private static async Task<ClientQuotaUsage?> ReadRowAsync(GatewayHost host, int clientId, CancellationToken ct)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        return await db.ClientQuotaUsages.AsNoTracking().FirstOrDefaultAsync(u => u.ClientId == clientId, ct);
    }
}
