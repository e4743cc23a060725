using System.Net;
using System.Text.Json;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Hosting;

/// <summary>Which endpoints answer on which listener: APIs on the gateway, metrics on the console, health on both.</summary>
public sealed class ListenerSplitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task ConsoleListener_ApiPath_Answers404WithoutCallingBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("split");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var viaConsole = await Host.Console.GetAsync($"/{name}/x", ct);
        using var viaGateway = await Host.Gateway.GetAsync($"/{name}/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, viaConsole.StatusCode);
        Assert.False(viaConsole.Headers.Contains("X-Request-Id"));
        Assert.Equal(HttpStatusCode.OK, viaGateway.StatusCode);
        Assert.Equal(before + 1, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task GatewayListener_Metrics_Answers404()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var response = await Host.Gateway.GetAsync("/metrics", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 404, "route_not_found", ct);
    }

    [Theory]
    [InlineData("/healthz", true)]
    [InlineData("/healthz", false)]
    [InlineData("/readyz", true)]
    [InlineData("/readyz", false)]
    public async Task Health_EitherListener_AnswersHealthy(string path, bool gateway)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = gateway ? Host.Gateway : Host.Console;

        // Act
        using var response = await client.GetAsync(path, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_ConsoleListener_ExposesCountsLatencyAndSnapshotVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("metered");
        await Host.CreateApiAsync(name, $"/{name}", fixture.BackendId, ct, i => i with { Version = "v3", Methods = ["GET"] });
        await Host.WaitForConfigAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await Host.Gateway.GetAsync($"/{name}/x", ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await Host.Gateway.PutAsync($"/{name}/x", new StringContent(""), ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);

        // Act
        using var response = await Host.Console.GetAsync("/metrics", ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains($"apimanager_gateway_requests_total{{api=\"{name}\",version=\"v3\",status_class=\"2xx\"}} 3", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_gateway_requests_total{{api=\"{name}\",version=\"v3\",status_class=\"4xx\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_gateway_request_duration_seconds_count{{api=\"{name}\",version=\"v3\"}} 4", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_gateway_request_duration_seconds_bucket{{api=\"{name}\",version=\"v3\",le=\"0.005\"}}", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_gateway_config_version {Host.Provider.ActiveVersion}", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_snapshot_rebuild_failures_total 0", text, StringComparison.Ordinal);
    }
}
