using System.Net;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Plugins.Sandbox;

/// <summary>The sandbox plugin through a real gateway: authentication first, then the mock, and the backend untouched.</summary>
public sealed class SandboxGatewayTests
{
    private const string Password = "Mock-Secret-1";

    [Fact]
    public async Task Call_CredentialedApiWithSandbox_401WithoutCredentialsMockWithThemBackendOnlyForRealCalls()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("sandbox", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("sandbox", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("orders", "/orders", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "orders", [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(host, "mock-client", Password, [group.Id], ct);
        await PluginSeeder.AddAsync(host, PluginType.Sandbox, PluginScope.Api, api.Id,
            """{"status":202,"headers":{"X-Env":"sandbox"},"body":"{\"mocked\":true}","content_type":"application/json"}""", ct);
        await host.WaitForConfigAsync(ct);

        // Act
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/orders/1");
        anonymous.Headers.Add("X-Mock-Test", "true");
        using var unauthenticated = await host.Gateway.SendAsync(anonymous, ct);
        using var mockRequest = ClientEnforcementTests.Request("/orders/1", client.ClientId, Password);
        mockRequest.Headers.Add("X-Mock-Test", "true");
        using var mocked = await host.Gateway.SendAsync(mockRequest, ct);
        var mockedBody = await mocked.Content.ReadAsStringAsync(ct);
        var backendAfterMock = backend.RequestCount;
        using var real = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/orders/1", client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.False(unauthenticated.Headers.Contains("X-Mock-Test"));
        Assert.Equal(HttpStatusCode.Accepted, mocked.StatusCode);
        Assert.Equal("""{"mocked":true}""", mockedBody);
        Assert.Equal("application/json", mocked.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(mocked.Headers.GetValues("X-Mock-Test")));
        Assert.Equal("sandbox", Assert.Single(mocked.Headers.GetValues("X-Env")));
        Assert.Equal(0, backendAfterMock);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.False(real.Headers.Contains("X-Mock-Test"));
        Assert.Equal(1, backend.RequestCount);
    }

    [Fact]
    public async Task Call_SandboxOnTheBackend_AppliesToItsApis()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("sandbox", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("sandbox", backend.Port, ct)).Id;
        await host.CreateApiAsync("open", "/open", backendId, ct);
        await PluginSeeder.AddAsync(host, PluginType.Sandbox, PluginScope.Backend, backendId, """{"status":418,"body":"mock","content_type":"text/plain"}""", ct);
        await host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open/x");
        request.Headers.Add("X-Mock-Test", "true");

        // Act
        using var response = await host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("mock", await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(0, backend.RequestCount);
    }
}
