using System.Net;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>A backend whose host names an upstream, served through the gateway by three real Kestrel targets.</summary>
public sealed class UpstreamGatewayTests
{
    [Fact]
    public async Task Call_WeightedTargets_TrafficSplitExactlyByWeight()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct, 100, 200, 300);

        // Act: 60 requests = ten full cycles of 1:2:3.
        for (var i = 0; i < 60; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Assert
        Assert.Equal([10, 20, 30], setup.Targets.Select(t => t.RequestCount));
    }

    [Fact]
    public async Task Call_TargetMarkedUnhealthy_GetsNoTraffic()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct, 100, 100, 100);
        var service = setup.Host.Services.GetRequiredService<UpstreamService>();
        await service.SetTargetHealthAsync("shop-pool", setup.TargetName(1), healthy: false, GatewayHost.TestActor, ct);

        // Act
        for (var i = 0; i < 30; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Assert
        Assert.Equal([15, 0, 15], setup.Targets.Select(t => t.RequestCount));
    }

    [Fact]
    public async Task Call_TargetWeightSetToZero_GetsNoTrafficAfterRebuild()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct, 100, 100, 100);
        var service = setup.Host.Services.GetRequiredService<UpstreamService>();
        await service.UpdateTargetAsync("shop-pool", setup.TargetName(0), new UpstreamTargetInput { Weight = 0 }, GatewayHost.TestActor, ct);
        await setup.Host.WaitForConfigAsync(ct);

        // Act
        for (var i = 0; i < 20; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Assert
        Assert.Equal([0, 10, 10], setup.Targets.Select(t => t.RequestCount));
    }

    [Fact]
    public async Task Call_AllTargetsUnhealthyOrDisabled_503NoHealthyUpstream()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct, 100, 0, 100);
        var service = setup.Host.Services.GetRequiredService<UpstreamService>();
        await service.SetTargetHealthAsync("shop-pool", setup.TargetName(0), healthy: false, GatewayHost.TestActor, ct);
        await service.SetTargetHealthAsync("shop-pool", setup.TargetName(2), healthy: false, GatewayHost.TestActor, ct);

        // Act
        using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 503, "no_healthy_upstream", ct);
        Assert.All(setup.Targets, t => Assert.Equal(0, t.RequestCount));
    }

    [Fact]
    public async Task Call_UpstreamWithoutTargets_503NoHealthyUpstream()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct);

        // Act
        using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 503, "no_healthy_upstream", ct);
    }

    [Fact]
    public async Task Call_CookieHashing_CookieIssuedAndRequestsStick()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(new UpstreamInput { Name = "shop-pool", HashOn = "cookie", HashOnCookie = "shop-lb" }, [100, 100, 100], ct);

        // Act
        using var first = await setup.Host.Gateway.GetAsync("/shop/items", ct);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shop-lb=", StringComparison.Ordinal));
        var value = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        var backends = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/items");
            request.Headers.Add("Cookie", value);
            using var response = await setup.Host.Gateway.SendAsync(request, ct);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            backends.Add((await EchoResponse.ReadAsync(response, ct)).Backend);
        }

        // Assert
        Assert.Equal((await EchoResponse.ReadAsync(first, ct)).Backend, Assert.Single(backends));
    }

    private static Task<Setup> SetupAsync(CancellationToken ct, params int[] weights) => SetupAsync(new UpstreamInput { Name = "shop-pool" }, weights, ct);

    private static async Task<Setup> SetupAsync(UpstreamInput upstream, int[] weights, CancellationToken ct)
    {
        var targets = new List<TestBackend>();
        for (var i = 0; i < weights.Length; i++)
        {
            targets.Add(await TestBackend.StartAsync("t" + i, ct));
        }

        var host = await GatewayHost.StartAsync(ct);
        var service = host.Services.GetRequiredService<UpstreamService>();
        await service.CreateAsync(upstream, GatewayHost.TestActor, ct);
        for (var i = 0; i < weights.Length; i++)
        {
            await service.AddTargetAsync("shop-pool", new UpstreamTargetInput { Target = "127.0.0.1:" + targets[i].Port, Weight = weights[i] }, GatewayHost.TestActor, ct);
        }

        var backend = await host.Backends.CreateAsync(new BackendInput { Name = "shop", Host = "shop-pool", ConnectTimeoutMs = 5000, ReadTimeoutMs = 10000 }, GatewayHost.TestActor, ct);
        await host.CreateApiAsync("shop", "/shop", backend.Id, ct);
        await host.WaitForConfigAsync(ct);
        return new Setup(host, targets);
    }

    private sealed class Setup(GatewayHost host, List<TestBackend> targets) : IAsyncDisposable
    {
        public GatewayHost Host { get; } = host;

        public IReadOnlyList<TestBackend> Targets { get; } = targets;

        public string TargetName(int index) => "127.0.0.1:" + Targets[index].Port;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            foreach (var target in Targets)
            {
                await target.DisposeAsync();
            }
        }
    }
}
