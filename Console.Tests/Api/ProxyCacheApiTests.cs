using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

public sealed class ProxyCacheApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Purge_ApiWithCachedResponses_RemovesThemAndCounts()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var apiId = (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();
        var otherId = (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();
        var store = factory.Services.GetRequiredService<IProxyCacheStore>();
        store.Set(new ProxyCacheKey(apiId, 1), Entry());
        store.Set(new ProxyCacheKey(apiId, 2), Entry());
        store.Set(new ProxyCacheKey(otherId, 1), Entry());

        // Act
        using var purged = await client.DeleteApiAsync($"/apis/{apiId}/cache");
        var body = await purged.ReadJsonAsync();
        using var again = await client.DeleteApiAsync($"/apis/{apiId}/cache");
        var againBody = await again.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(apiId, body.GetProperty("apiId").GetInt32());
        Assert.Equal(2, body.GetProperty("purged").GetInt32());
        Assert.Equal(0, againBody.GetProperty("purged").GetInt32());
        Assert.NotNull(store.Get(new ProxyCacheKey(otherId, 1)));
        var audit = await factory.Services.GetRequiredService<AuditLogService>().ListAsync(
            new AuditQuery { EntityType = "Api", EntityId = apiId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new ApiManager.Gateway.Common.PageRequest(1, 50), TestContext.Current.CancellationToken);
        Assert.Equal(2, audit.Items.Count(e => e.Action == "CachePurged"));
    }

    [Fact]
    public async Task Purge_UnknownApi_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.DeleteApiAsync("/apis/987654/cache");

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Purge_Operator_403()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var backendId = (await admin.CreateBackendAsync()).GetProperty("id").GetInt32();
        var apiId = (await admin.CreateApiAsync(backendId)).GetProperty("id").GetInt32();
        factory.Services.GetRequiredService<IProxyCacheStore>().Set(new ProxyCacheKey(apiId, 1), Entry());
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.DeleteApiAsync($"/apis/{apiId}/cache");

        // Assert
        await response.ReadProblemAsync(403);
        Assert.NotNull(factory.Services.GetRequiredService<IProxyCacheStore>().Get(new ProxyCacheKey(apiId, 1)));
    }

    [Fact]
    public async Task Purge_NotANumber_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.DeleteApiAsync("/apis/abc/cache");

        // Assert
        await response.ReadProblemAsync(404);
    }

    private static ProxyCacheEntry Entry()
    {
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        return new ProxyCacheEntry(200, [], [1], now, now + TimeSpan.TicksPerHour);
    }
}
