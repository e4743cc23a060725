using System.Net;
using System.Text;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Plugins.UpstreamBasicAuth;

/// <summary>A stored upstream-basic-auth plugin (password encrypted) through a real gateway and backend.</summary>
public sealed class UpstreamBasicAuthGatewayTests
{
    private const string ClientPassword = "Client-Secret-1";

    [Fact]
    public async Task Call_EncryptedPassword_BackendGetsBasicHeaderInsteadOfCallers()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("uba", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var backendId = (await host.CreateBackendAsync("uba", backend.Port, ct)).Id;
        var open = await host.CreateApiAsync("open", "/open", backendId, ct);
        var closed = await host.CreateApiAsync("closed", "/closed", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "uba", [closed.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(host, "uba-client", ClientPassword, [group.Id], ct);
        var secret = host.Services.GetRequiredService<SecretProtector>().Protect("backend-pässword");
        await PluginSeeder.AddAsync(host, PluginType.UpstreamBasicAuth, PluginScope.Backend, backendId, """{"username":"svc"}""", ct, secret);
        await host.WaitForConfigAsync(ct);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc:backend-pässword"));
        using var publicCall = new HttpRequestMessage(HttpMethod.Get, "/open/x");
        publicCall.Headers.Add("Authorization", "Bearer caller-token");

        // Act
        using var openResponse = await host.Gateway.SendAsync(publicCall, ct);
        using var closedResponse = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/closed/x", client.ClientId, ClientPassword), ct);

        // Assert: the public caller's token is replaced; the client's own Basic credentials never reach the backend.
        Assert.Equal(HttpStatusCode.OK, openResponse.StatusCode);
        Assert.Equal(expected, (await EchoResponse.ReadAsync(openResponse, ct)).Header("Authorization"));
        Assert.Equal(HttpStatusCode.OK, closedResponse.StatusCode);
        var closedEcho = await EchoResponse.ReadAsync(closedResponse, ct);
        Assert.Equal(expected, closedEcho.Header("Authorization"));
        Assert.Equal(client.ClientId, closedEcho.Header("X-Consumer-ID"));
        Assert.True(open.Id > 0);
    }
}
