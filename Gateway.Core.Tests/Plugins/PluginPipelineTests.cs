using System.Net;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Plugins;

/// <summary>Stored plugins run in the gateway pipeline: order, rejection, self-answer, and the stage recorded in the call facts.</summary>
public sealed class PluginPipelineTests
{
    [Fact]
    public async Task Call_ApiWithPlugins_RunInPriorityOrderAndReachBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("plugins", ct);
        await using var host = await StartAsync(ct);
        var api = await CreateApiWithPluginsAsync(host, backend, ct);

        // Act
        using var response = await host.Gateway.GetAsync("/plugged/x", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["cors:" + api.Cors, "rate-limiting:" + api.RateLimiting], response.Headers.GetValues(FakePluginDefinition.TraceHeader));
        Assert.Equal(1, backend.RequestCount);
    }

    [Fact]
    public async Task Call_PluginRejects_ProblemAndBackendNotReached()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("plugins", ct);
        await using var host = await StartAsync(ct);
        await CreateApiWithPluginsAsync(host, backend, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugged/x");
        request.Headers.Add("X-Fake-Reject", "1");

        // Act
        using var response = await host.Gateway.SendAsync(request, ct);

        // Assert: the cors stand-in (before authentication) rejects first, so rate-limiting never runs.
        await ProblemBody.AssertAsync(response, 418, "fake_rejected", ct);
        Assert.Single(response.Headers.GetValues(FakePluginDefinition.TraceHeader));
        Assert.Equal(0, backend.RequestCount);
    }

    [Fact]
    public async Task Call_PluginAnswers_ItsAnswerAndFactsNameThePlugin()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("plugins", ct);
        var facts = new FactsRecorder();
        await using var host = await StartAsync(ct, facts);
        await CreateApiWithPluginsAsync(host, backend, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugged/x");
        request.Headers.Add("X-Fake-Answer", "1");

        // Act
        using var response = await host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(299, (int)response.StatusCode);
        Assert.Equal(0, backend.RequestCount);
        var recorded = Assert.Single(facts.Calls);
        Assert.Equal(GatewayStage.PreAuthentication, recorded.Stage);
        Assert.Equal(PluginType.Cors, recorded.Plugin);
        Assert.Null(recorded.Error);
    }

    [Fact]
    public async Task Call_StoredPluginDoesNotCompile_LastGoodSnapshotKeepsServing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("plugins", ct);
        await using var host = await StartAsync(ct);
        var api = await CreateApiWithPluginsAsync(host, backend, ct);
        var served = host.Provider.Current!.Version;

        // Act
        await PluginSeeder.AddAsync(host, PluginType.IpRestriction, PluginScope.Global, null, """{"fail": true}""", ct);
        await Task.Delay(500, ct);
        using var response = await host.Gateway.GetAsync("/plugged/x", ct);

        // Assert
        Assert.Equal(served, host.Provider.Current!.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, response.Headers.GetValues(FakePluginDefinition.TraceHeader).Count());
        Assert.True(api.RateLimiting > 0);
    }

    private static Task<GatewayHost> StartAsync(CancellationToken ct, FactsRecorder? facts = null) =>
        GatewayHost.StartAsync(ct, services =>
        {
            services.AddSingleton<IPluginDefinition>(new FakePluginDefinition(PluginType.Cors, beforeAuthentication: true));
            services.AddSingleton<IPluginDefinition>(new FakePluginDefinition(PluginType.RateLimiting));
            services.AddSingleton<IPluginDefinition>(new FakePluginDefinition(PluginType.IpRestriction));
            if (facts is not null)
            {
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(facts);
            }
        });

    private static async Task<(int Cors, int RateLimiting)> CreateApiWithPluginsAsync(GatewayHost host, TestBackend backend, CancellationToken ct)
    {
        var backendId = (await host.CreateBackendAsync("plugins", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("plugged", "/plugged", backendId, ct);
        var rateLimiting = await PluginSeeder.AddAsync(host, PluginType.RateLimiting, PluginScope.Api, api.Id, "{}", ct);
        var cors = await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Backend, backendId, "{}", ct);
        await host.WaitForConfigAsync(ct);
        return (cors, rateLimiting);
    }

    /// <summary>Captures each gateway request's <see cref="CallFacts"/> once the pipeline is done with it.</summary>
    private sealed class FactsRecorder : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public List<CallFacts> Calls { get; } = [];

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(call => async context =>
            {
                await call(context);
                if (CallFacts.Of(context) is { } facts)
                {
                    lock (Calls)
                    {
                        Calls.Add(facts);
                    }
                }
            });
            next(app);
        };
    }
}
