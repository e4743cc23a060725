using System.Globalization;
using System.Net;
using ApiManager.Gateway.Apis.Diversion;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Apis.Diversion;

/// <summary>IP diversion through a real gateway with two real Kestrel backends: the API's backend and a diversion target.</summary>
public sealed class ApiDiversionGatewayTests
{
    [Fact]
    public async Task Call_RuleForLoopback_DivertedToTargetWithItsPathPrefix()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct);
        await setup.DivertAsync(ct, new ApiDiversionRule("127.0.0.1/32", setup.DivertedUrl("/mirror")));

        // Act
        using var response = await setup.Host.Gateway.GetAsync("/shop/items?x=1", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("diverted", echo.Backend);
        Assert.Equal("/mirror/items", echo.Path);
        Assert.Equal("?x=1", echo.Query);
        Assert.Equal(0, setup.Primary.RequestCount);
    }

    [Fact]
    public async Task Call_RuleForAnotherNetwork_NotDiverted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct);
        await setup.DivertAsync(ct, new ApiDiversionRule("10.0.0.0/8", setup.DivertedUrl("")), new ApiDiversionRule("2001:db8::/32", setup.DivertedUrl("")));

        // Act
        using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);

        // Assert
        Assert.Equal("primary", (await EchoResponse.ReadAsync(response, ct)).Backend);
        Assert.Equal(0, setup.Diverted.RequestCount);
    }

    [Fact]
    public async Task Call_FirstMatchingRuleWins_AndRemovingRulesRestoresBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct);
        await setup.DivertAsync(ct, new ApiDiversionRule("127.0.0.0/8", setup.DivertedUrl("/first")), new ApiDiversionRule("127.0.0.1", setup.DivertedUrl("/second")));

        // Act
        using var diverted = await setup.Host.Gateway.GetAsync("/shop/a", ct);
        var divertedEcho = await EchoResponse.ReadAsync(diverted, ct);
        await setup.DivertAsync(ct);
        using var restored = await setup.Host.Gateway.GetAsync("/shop/a", ct);

        // Assert
        Assert.Equal("/first/a", divertedEcho.Path);
        Assert.Equal("primary", (await EchoResponse.ReadAsync(restored, ct)).Backend);
    }

    [Fact]
    public async Task Call_BackendServedByUpstream_DiversionBypassesBalancer()
    {
        // Arrange: the API's backend is an upstream with one target (the primary); the rule diverts loopback callers.
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(ct);
        var upstreams = setup.Host.Services.GetRequiredService<UpstreamService>();
        await upstreams.CreateAsync(new UpstreamInput { Name = "shop-pool" }, GatewayHost.TestActor, ct);
        await upstreams.AddTargetAsync("shop-pool", new UpstreamTargetInput { Target = "127.0.0.1:" + setup.Primary.Port.ToString(CultureInfo.InvariantCulture) }, GatewayHost.TestActor, ct);
        var backend = await setup.Host.Backends.CreateAsync(new BackendInput { Name = "pool-backend", Host = "shop-pool", ConnectTimeoutMs = 5000, ReadTimeoutMs = 10000 }, GatewayHost.TestActor, ct);
        var api = await setup.Host.CreateApiAsync("pooled", "/pooled", backend.Id, ct);
        await setup.Host.Services.GetRequiredService<ApiDiversionService>().ReplaceAsync(api.Id, [new("127.0.0.1", setup.DivertedUrl(""))], GatewayHost.TestActor, ct);
        await setup.Host.WaitForConfigAsync(ct);

        // Act
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/pooled/x", ct);
            answers.Add((await EchoResponse.ReadAsync(response, ct)).Backend);
        }

        // Assert
        Assert.All(answers, a => Assert.Equal("diverted", a));
        Assert.Equal(0, setup.Primary.RequestCount);
    }

    private static async Task<Setup> SetupAsync(CancellationToken ct)
    {
        var primary = await TestBackend.StartAsync("primary", ct);
        var diverted = await TestBackend.StartAsync("diverted", ct);
        var host = await GatewayHost.StartAsync(ct);
        var backend = await host.CreateBackendAsync("shop-backend", primary.Port, ct);
        var api = await host.CreateApiAsync("shop", "/shop", backend.Id, ct);
        await host.WaitForConfigAsync(ct);
        return new Setup(host, primary, diverted, api.Id);
    }

    private sealed record Setup(GatewayHost Host, TestBackend Primary, TestBackend Diverted, int ApiId) : IAsyncDisposable
    {
        public string DivertedUrl(string path) => "http://127.0.0.1:" + Diverted.Port.ToString(CultureInfo.InvariantCulture) + path;

        public async Task DivertAsync(CancellationToken ct, params ApiDiversionRule[] rules)
        {
            await Host.Services.GetRequiredService<ApiDiversionService>().ReplaceAsync(ApiId, rules, GatewayHost.TestActor, ct);
            await Host.WaitForConfigAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Primary.DisposeAsync();
            await Diverted.DisposeAsync();
        }
    }
}
