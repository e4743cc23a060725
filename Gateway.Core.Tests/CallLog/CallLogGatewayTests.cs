using System.Net;
using System.Net.Sockets;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Plugins;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>Every gateway request leaves exactly one call log row, whichever stage answered it.</summary>
public sealed class CallLogGatewayTests
{
    private const string Password = "Log-Secret-1";

    [Fact]
    public async Task Call_EachStage_OneRowPerRequestWithStageAndCode()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("log", ct);
        await using var host = await GatewayHost.StartAsync(
            ct,
            services =>
            {
                services.AddSingleton(new ClientTpsLimiter(clock));
                services.AddSingleton<IPluginDefinition>(new FakePluginDefinition(PluginType.RateLimiting));
            },
            CallLogRows.FastWriter);
        var backendId = (await host.CreateBackendAsync("log", backend.Port, ct)).Id;
        var deadBackendId = (await host.CreateBackendAsync("dead", FreePort(), ct, connectTimeoutMs: 2000)).Id;
        var open = await host.CreateApiAsync("open", "/open", backendId, ct, i => i with { Methods = ["GET"] });
        var secured = await host.CreateApiAsync("secured", "/secured", backendId, ct, i => i with { IsPublic = false });
        await host.CreateApiAsync("other", "/other", backendId, ct, i => i with { IsPublic = false });
        await host.CreateApiAsync("dead", "/dead", deadBackendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Api, open.Id, "{}", ct);
        var group = await ClientSeeder.CreateGroupAsync(host, "log", [secured.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(host, "log-client", Password, [group.Id], ct, c => c.TpsPerNode = 1);
        await host.WaitForConfigAsync(ct);

        // Act
        var statuses = new List<int>();
        async Task SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                using var response = await host.Gateway.SendAsync(request, ct);
                statuses.Add((int)response.StatusCode);
            }
        }

        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/open/items?apikey=s3cr3t&page=2"));
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/nowhere"));
        await SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/open/items"));
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/secured/x"));
        await SendAsync(ClientEnforcementTests.Request("/other/x", client.ClientId, Password));
        await SendAsync(ClientEnforcementTests.Request("/secured/x", client.ClientId, Password));
        await SendAsync(ClientEnforcementTests.Request("/secured/x", client.ClientId, Password));
        var rejectedByPlugin = new HttpRequestMessage(HttpMethod.Get, "/open/items");
        rejectedByPlugin.Headers.Add("X-Fake-Reject", "1");
        await SendAsync(rejectedByPlugin);
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dead/x"));
        var rows = await CallLogRows.WaitForAsync(host, 9, ct);

        // Assert
        Assert.Equal([200, 404, 405, 401, 403, 200, 429, 418, 502], statuses);
        Assert.Equal(9, rows.Count);
        Assert.Equal(statuses, rows.Select(r => r.Status));
        Assert.Equal(
            [null, "Routing", "Api", "Authentication", "Authentication", null, "ClientLimits", "Plugin", "Backend"],
            rows.Select(r => r.Stage));
        Assert.Equal(
            [null, "route_not_found", "method_not_allowed", "credential_missing", "api_not_authorized", null, "tps_exceeded", "fake_rejected", "bad_gateway"],
            rows.Select(r => r.ErrorCode));

        var passed = rows[0];
        Assert.Equal("node-test", passed.Node);
        Assert.Equal(open.Id, passed.ApiId);
        Assert.Equal("open", passed.ApiName);
        Assert.Equal("GET", passed.Method);
        Assert.Equal("/open/items", passed.Path);
        Assert.Equal("?apikey=***&page=2", passed.Query);
        Assert.Equal(200, passed.BackendStatus);
        Assert.NotNull(passed.BackendLatencyMs);
        Assert.True(passed.LatencyMs >= passed.BackendLatencyMs);
        Assert.Equal("127.0.0.1", passed.CallerIp);
        Assert.False(string.IsNullOrEmpty(passed.RequestId));
        Assert.Null(passed.ClientId);

        Assert.Null(rows[1].ApiId);
        Assert.Equal(ApiManager.Gateway.Pipeline.GatewayError.MethodNotAllowed.Detail, rows[2].ErrorDetail);
        var authorized = rows[5];
        Assert.Equal("log-client", authorized.ClientId);
        Assert.Equal("log-client-name", authorized.ClientName);
        Assert.Equal("ClientBasic", authorized.CredentialType);
        Assert.DoesNotContain(Password, authorized.CredentialId ?? "", StringComparison.Ordinal);
        // Refused after the credential identified the client (403 access, 429 TPS): the row still names the client.
        Assert.Equal("log-client", rows[4].ClientId);
        Assert.Equal("log-client", rows[6].ClientId);
        Assert.Equal("ClientBasic", rows[6].CredentialType);
        Assert.Null(rows[3].ClientId);
        Assert.Equal("rate-limiting", rows[7].Plugin);
        Assert.Null(rows[7].BackendStatus);
        Assert.Equal("The fake plugin rejected the request.", rows[7].ErrorDetail);
        Assert.Null(rows[8].BackendStatus);
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task Call_LogDisabled_NoRows()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("log", ct);
        var settings = new Dictionary<string, string?>(CallLogRows.FastWriter) { ["CallLog:Enabled"] = "false" };
        await using var host = await GatewayHost.StartAsync(ct, settings: settings);
        var backendId = (await host.CreateBackendAsync("log", backend.Port, ct)).Id;
        await host.CreateApiAsync("open", "/open", backendId, ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var response = await host.Gateway.GetAsync("/open/x", ct);
        using var missing = await host.Gateway.GetAsync("/nowhere", ct);
        await Task.Delay(100, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await host.Services.GetRequiredService<CallLogService>().ListAsync(new CallLogQuery(), ct);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Call_ConsoleListener_NotRecorded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await GatewayHost.StartAsync(ct, settings: CallLogRows.FastWriter);

        // Act
        using var health = await host.Console.GetAsync("/healthz", ct);
        using var gatewayHealth = await host.Gateway.GetAsync("/nowhere", ct);
        await CallLogRows.WaitForAsync(host, 1, ct);
        await Task.Delay(100, ct);
        var rows = await CallLogRows.WaitForAsync(host, 1, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var row = Assert.Single(rows);
        Assert.Equal("/nowhere", row.Path);
        Assert.Equal(404, row.Status);
    }

    [Fact]
    public async Task Call_OAuthTokenEndpointWithSecrets_RecordedWithoutThem()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await GatewayHost.StartAsync(ct, settings: CallLogRows.FastWriter);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

        // Act: secrets in the query string of an OAuth call (a bad habit the log must not keep)
        using var response = await host.Gateway.PostAsync("/oauth/token?client_id=someone&client_secret=hunter2&code=abc", form, ct);
        var row = Assert.Single(await CallLogRows.WaitForAsync(host, 1, ct));

        // Assert
        Assert.Equal((int)response.StatusCode, row.Status);
        Assert.Equal("POST", row.Method);
        Assert.Equal("/oauth/token", row.Path);
        Assert.Equal("?client_id=someone&client_secret=***&code=***", row.Query);
        Assert.Null(row.ApiId);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
