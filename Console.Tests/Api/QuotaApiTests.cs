using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

/// <summary>Admin API <c>clients/{clientId}/quota</c>: live usage, manual reset, roles, unknown clients, bad quota input.</summary>
public sealed class QuotaApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task GetAndDelete_ClientWithUsage_ShowsLiveUsageThenResetsIt()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = ApiHttp.UniqueName("quota");
        using var created = await client.PostJsonAsync("/clients", Body(id, 10, "daily", "Asia/Taipei"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await WaitForEntryAsync(id);
        var counter = factory.Services.GetRequiredService<ClientQuotaCounter>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(counter.Consume(new DefaultHttpContext(), entry));
        }

        // Act
        using var read = await client.GetApiAsync($"/clients/{id.ToUpperInvariant()}/quota");
        var readBody = await read.ReadJsonAsync();
        using var reset = await client.DeleteApiAsync($"/clients/{id}/quota");
        var resetBody = await reset.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(10, readBody.GetProperty("quota").GetInt64());
        Assert.Equal(3, readBody.GetProperty("used").GetInt64());
        Assert.Equal(7, readBody.GetProperty("remaining").GetInt64());
        Assert.False(readBody.GetProperty("unlimited").GetBoolean());
        Assert.Equal("daily", readBody.GetProperty("resetPeriod").GetString());
        Assert.Equal("Asia/Taipei", readBody.GetProperty("timeZone").GetString());
        var periodStart = readBody.GetProperty("periodStart").GetDateTime();
        Assert.Equal(16, periodStart.Hour);
        Assert.Equal(periodStart.AddDays(1), readBody.GetProperty("resetsAt").GetDateTime());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, resetBody.GetProperty("used").GetInt64());
        Assert.Equal(0, counter.UsageOf(entry).Used);
    }

    [Fact]
    public async Task Get_UnlimitedClient_SaysUnlimited()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = ApiHttp.UniqueName("free");
        using var created = await client.PostJsonAsync("/clients", Body(id, 0, "none", "UTC"));

        // Act
        using var read = await client.GetApiAsync($"/clients/{id}/quota");
        var body = await read.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(body.GetProperty("unlimited").GetBoolean());
        Assert.Equal(JsonValueKindNull, body.GetProperty("resetsAt").ValueKind);
    }

    [Fact]
    public async Task Delete_OperatorToken_403ButReadAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var id = ApiHttp.UniqueName("opq");
        using var created = await admin.PostJsonAsync("/clients", Body(id, 5, "weekly", "UTC"));
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var read = await client.GetApiAsync($"/clients/{id}/quota");
        using var reset = await client.DeleteApiAsync($"/clients/{id}/quota");

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
    }

    [Fact]
    public async Task GetAndDelete_NoToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(null);

        // Act
        using var read = await client.GetApiAsync("/clients/anyone/quota");
        using var reset = await client.DeleteApiAsync("/clients/anyone/quota");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
    }

    [Fact]
    public async Task GetAndDelete_UnknownClient_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var read = await client.GetApiAsync("/clients/nobody-here/quota");
        using var reset = await client.DeleteApiAsync("/clients/nobody-here/quota");

        // Assert
        await read.ReadProblemAsync(404);
        await reset.ReadProblemAsync(404);
    }

    [Fact]
    public async Task CreateClient_NegativeQuotaOrBadPeriod_400WithFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var negative = await client.PostJsonAsync("/clients", Body(ApiHttp.UniqueName("neg"), -1, "daily", "UTC"));
        using var badZone = await client.PostJsonAsync("/clients", Body(ApiHttp.UniqueName("zone"), 5, "daily", "Mars/Olympus"));

        // Assert
        Assert.NotEmpty((await negative.ReadProblemAsync(400)).FieldErrors("apiQuota"));
        Assert.NotEmpty((await badZone.ReadProblemAsync(400)).FieldErrors("timeZoneId"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<ClientEntry> WaitForEntryAsync(string clientId)
    {
        var provider = factory.Services.GetRequiredService<DbProxyConfigProvider>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (provider.Current?.Clients.TryGet(clientId, out var entry) == true)
            {
                return entry;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static Dictionary<string, object?> Body(string clientId, long quota, string period, string zone) => new(StringComparer.Ordinal)
    {
        ["clientId"] = clientId,
        ["clientName"] = clientId,
        ["displayName"] = "Client " + clientId,
        ["password"] = "Pa55 word!",
        ["confirmPassword"] = "Pa55 word!",
        ["note"] = "quota test",
        ["apiQuota"] = quota,
        ["quotaResetPeriod"] = period,
        ["timeZoneId"] = zone,
    };
}
