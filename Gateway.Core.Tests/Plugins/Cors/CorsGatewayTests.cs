using System.Net;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Plugins.Cors;

/// <summary>A stored cors plugin through a real gateway and backend.</summary>
public sealed class CorsGatewayTests
{
    private const string App = "https://app.example.com";

    [Fact]
    public async Task Call_Preflight_AnsweredByGatewayBackendNeverReached()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("cors", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("cors", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("cors", "/cors", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Api, api.Id, $$"""{"origins":["{{App}}"],"max_age":600}""", ct);
        await host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/cors/items");
        request.Headers.Add("Origin", App);
        request.Headers.Add("Access-Control-Request-Method", "DELETE");
        request.Headers.Add("Access-Control-Request-Headers", "X-Custom");

        // Act
        using var response = await host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("X-Custom", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Equal(0, backend.RequestCount);
    }

    [Fact]
    public async Task Call_ActualRequests_AllowedOriginGetsHeadersDisallowedProceedsWithout()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("cors", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("cors", backend.Port, ct)).Id;
        await host.CreateApiAsync("cors", "/cors", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Global, null, """{"origins":["https://.*\\.example\\.com"],"exposed_headers":["X-Request-Id"]}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var allowed = await host.Gateway.SendAsync(WithOrigin(HttpMethod.Get, "/cors/a", App), ct);
        using var disallowed = await host.Gateway.SendAsync(WithOrigin(HttpMethod.Get, "/cors/a", "https://example.org"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(App, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("X-Request-Id", Header(allowed, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.Equal(HttpStatusCode.OK, disallowed.StatusCode);
        Assert.Null(Header(disallowed, "Access-Control-Allow-Origin"));
        Assert.Null(Header(disallowed, "Access-Control-Expose-Headers"));
        Assert.Equal(2, backend.RequestCount);
    }

    [Fact]
    public async Task Call_ProtectedApiWithoutCredentials_401CarriesCorsHeaders()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("cors", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("cors", backend.Port, ct)).Id;
        await host.CreateApiAsync("cors", "/cors", backendId, ct, i => i with { IsPublic = false });
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Backend, backendId, $$"""{"origins":["{{App}}"],"credentials":true}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var response = await host.Gateway.SendAsync(WithOrigin(HttpMethod.Get, "/cors/a", App), ct);

        // Assert: the browser can read the 401, so the page learns it must sign in.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(0, backend.RequestCount);
    }

    [Fact]
    public async Task Call_StoredConfigurationInvalid_SnapshotRejectedApiServesWithoutIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("cors", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("cors", backend.Port, ct)).Id;
        await host.CreateApiAsync("cors", "/cors", backendId, ct);
        await host.WaitForConfigAsync(ct);
        var served = host.Provider.Current!.Version;

        // Act
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Global, null, """{"origins":["https://(broken"]}""", ct);
        await Task.Delay(300, ct);
        using var response = await host.Gateway.SendAsync(WithOrigin(HttpMethod.Get, "/cors/a", App), ct);

        // Assert
        Assert.Equal(served, host.Provider.Current!.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Call_PreflightOnKeyAuthApis_CorsAnswersOrContinuesToTheRunOnPreflightBypass()
    {
        // Arrange: one API answers preflights in cors; the other passes them on to key-auth, which lets them through
        // without a key because run_on_preflight is off (Kong's combination for a backend that answers preflights).
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("cors", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("cors", backend.Port, ct)).Id;
        var answered = await host.CreateApiAsync("answered", "/answered", backendId, ct, i => i with { IsPublic = false });
        var passed = await host.CreateApiAsync("passed", "/passed", backendId, ct, i => i with { IsPublic = false });
        var settings = host.Services.GetRequiredService<ApiAuthenticationService>();
        foreach (var (api, runOnPreflight) in new[] { (answered, true), (passed, false) })
        {
            var current = (await settings.GetAsync(api.Id, ct))!;
            await settings.UpdateAsync(api.Id, current with { AcceptedCredentials = CredentialTypes.KeyAuth, KeyAuth = current.KeyAuth with { RunOnPreflight = runOnPreflight } }, GatewayHost.TestActor, ct);
        }

        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Api, answered.Id, "{}", ct);
        await PluginSeeder.AddAsync(host, PluginType.Cors, PluginScope.Api, passed.Id, """{"preflight_continue":true}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var answeredResponse = await host.Gateway.SendAsync(Preflight("/answered/x"), ct);
        var afterAnswered = backend.RequestCount;
        using var passedResponse = await host.Gateway.SendAsync(Preflight("/passed/x"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answeredResponse.StatusCode);
        Assert.Equal("*", Header(answeredResponse, "Access-Control-Allow-Origin"));
        Assert.Equal(0, afterAnswered);
        Assert.Equal(HttpStatusCode.OK, passedResponse.StatusCode);
        Assert.Equal("OPTIONS", (await EchoResponse.ReadAsync(passedResponse, ct)).Method);
        Assert.Null(Header(passedResponse, "Access-Control-Allow-Origin"));
        Assert.Equal(1, backend.RequestCount);
    }

    private static HttpRequestMessage Preflight(string path)
    {
        var request = WithOrigin(HttpMethod.Options, path, App);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }

    internal static HttpRequestMessage WithOrigin(HttpMethod method, string path, string origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        return request;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
