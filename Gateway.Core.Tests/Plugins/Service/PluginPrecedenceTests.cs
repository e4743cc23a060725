using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Plugins.Service;

/// <summary>
/// Plugin precedence end to end: plugins written through the plugin service, served by a real gateway. Each level's
/// ip-restriction refuses 127.0.0.1 with its own message, so the answer tells which one applied.
/// </summary>
public sealed class PluginPrecedenceTests
{
    private const string Password = "Pa55word!";

    [Fact]
    public async Task Call_PluginsAtEveryLevel_NarrowestAppliesAndDisableOrDeleteFallsBackToWider()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("prec", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var plugins = host.Services.GetRequiredService<PluginService>();
        var backendId = (await host.CreateBackendAsync("prec", backend.Port, ct)).Id;
        var apiId = (await host.CreateApiAsync("narrow", "/narrow", backendId, ct)).Id;
        await host.CreateApiAsync("sibling", "/sibling", backendId, ct);
        var global = await plugins.CreateAsync(Deny("global", null, "global"), GatewayHost.TestActor, ct);
        var onBackend = await plugins.CreateAsync(Deny("backend", backendId, "backend"), GatewayHost.TestActor, ct);
        var onApi = await plugins.CreateAsync(Deny("api", apiId, "api"), GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);

        // Act + Assert: API over backend over global; the sibling API only has the backend's.
        Assert.Equal("api", await DetailAsync(host, "/narrow", ct));
        Assert.Equal("backend", await DetailAsync(host, "/sibling", ct));

        await plugins.SetEnabledAsync(onApi.Id, false, null, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        Assert.Equal("backend", await DetailAsync(host, "/narrow", ct));

        await plugins.DeleteAsync(onBackend.Id, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        Assert.Equal("global", await DetailAsync(host, "/narrow", ct));
        Assert.Equal("global", await DetailAsync(host, "/sibling", ct));

        await plugins.SetEnabledAsync(onApi.Id, true, null, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        Assert.Equal("api", await DetailAsync(host, "/narrow", ct));

        await plugins.DeleteAsync(onApi.Id, GatewayHost.TestActor, ct);
        await plugins.DeleteAsync(global.Id, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        using var passed = await host.Gateway.GetAsync("/narrow", ct);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(1, backend.RequestCount);
    }

    [Fact]
    public async Task Call_ClientScopedPlugin_ReplacesApiPluginForThatClientOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("prec", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var plugins = host.Services.GetRequiredService<PluginService>();
        var backendId = (await host.CreateBackendAsync("prec", backend.Port, ct)).Id;
        var apiId = (await host.CreateApiAsync("private", "/private", backendId, ct, i => i with { IsPublic = false })).Id;
        var group = await ClientSeeder.CreateGroupAsync(host, "private", [apiId], ct);
        var trusted = await ClientSeeder.CreateClientAsync(host, "trusted", Password, [group.Id], ct);
        var other = await ClientSeeder.CreateClientAsync(host, "other", Password, [group.Id], ct);
        await plugins.CreateAsync(Deny("api", apiId, "api"), GatewayHost.TestActor, ct);
        var onClient = await plugins.CreateAsync(
            new PluginInput { Type = "ip-restriction", Scope = "client", TargetId = trusted.Id, Configuration = """{"allow":["127.0.0.1"]}""" }, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var trustedResponse = await host.Gateway.SendAsync(Request("/private", trusted.ClientId), ct);
        using var otherResponse = await host.Gateway.SendAsync(Request("/private", other.ClientId), ct);
        await plugins.DeleteAsync(onClient.Id, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        using var afterDelete = await host.Gateway.SendAsync(Request("/private", trusted.ClientId), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, trustedResponse.StatusCode);
        Assert.Equal("api", (await ProblemBody.AssertAsync(otherResponse, 403, "ip_not_allowed", ct)).Detail);
        Assert.Equal("api", (await ProblemBody.AssertAsync(afterDelete, 403, "ip_not_allowed", ct)).Detail);
        Assert.Equal(1, backend.RequestCount);
    }

    private static PluginInput Deny(string scope, int? targetId, string message) => new()
    {
        Type = "ip-restriction",
        Scope = scope,
        TargetId = targetId,
        Configuration = $$"""{"deny":["127.0.0.0/8"],"message":"{{message}}"}""",
    };

    private static async Task<string> DetailAsync(GatewayHost host, string path, CancellationToken ct)
    {
        using var response = await host.Gateway.GetAsync(path, ct);
        return (await ProblemBody.AssertAsync(response, 403, "ip_not_allowed", ct)).Detail;
    }

    private static HttpRequestMessage Request(string path, string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + Password)));
        return request;
    }
}
