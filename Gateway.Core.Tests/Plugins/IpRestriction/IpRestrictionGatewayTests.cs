using System.Net;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Plugins.IpRestriction;

/// <summary>ip-restriction in a real gateway (as AddGateway registers it), configured through the plugin service.</summary>
public sealed class IpRestrictionGatewayTests
{
    [Fact]
    public async Task Call_CallerDenied_403ProblemNamingTheIp()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("ip", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var apiId = await CreateApiAsync(host, backend, ct);
        await AddAsync(host, apiId, """{"deny":["127.0.0.0/8"]}""", ct);

        // Act
        using var response = await host.Gateway.GetAsync("/ip/x", ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 403, "ip_not_allowed", ct);
        Assert.Equal("IP address not allowed: 127.0.0.1", problem.Detail);
        Assert.Equal(0, backend.RequestCount);
    }

    [Fact]
    public async Task Call_CallerOutsideAllowList_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("ip", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var apiId = await CreateApiAsync(host, backend, ct);
        await AddAsync(host, apiId, """{"allow":["10.0.0.0/8","2001:db8::/32"],"status":451,"message":"Only from the office"}""", ct);

        // Act
        using var response = await host.Gateway.GetAsync("/ip/x", ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 451, "ip_not_allowed", ct);
        Assert.Equal("Only from the office", problem.Detail);
        Assert.Equal(0, backend.RequestCount);
    }

    [Fact]
    public async Task Call_CallerInAllowList_ReachesBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("ip", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var apiId = await CreateApiAsync(host, backend, ct);
        await AddAsync(host, apiId, """{"allow":["127.0.0.1"],"deny":["10.0.0.0/8"]}""", ct);

        // Act
        using var response = await host.Gateway.GetAsync("/ip/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, backend.RequestCount);
    }

    private static async Task<int> CreateApiAsync(GatewayHost host, TestBackend backend, CancellationToken ct)
    {
        var backendId = (await host.CreateBackendAsync("ip", backend.Port, ct)).Id;
        return (await host.CreateApiAsync("ip", "/ip", backendId, ct)).Id;
    }

    private static async Task AddAsync(GatewayHost host, int apiId, string configuration, CancellationToken ct)
    {
        await host.Services.GetRequiredService<PluginService>().CreateAsync(
            new PluginInput { Type = "ip-restriction", Scope = "api", TargetId = apiId, Configuration = configuration }, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
    }
}
