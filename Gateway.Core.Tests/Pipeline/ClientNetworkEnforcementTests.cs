using System.Net;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Pipeline;

/// <summary>
/// Audience and IP binding behind a trusted proxy, on a host that trusts 127.0.0.1 as a proxy and counts only
/// 10.0.0.0/8 as internal (so the test's loopback caller is external unless X-Forwarded-For says otherwise).
/// </summary>
public sealed class ClientNetworkEnforcementTests : IAsyncLifetime
{
    private const string Password = "Net-Secret-1";

    private TestBackend _backend = null!;
    private GatewayHost _host = null!;
    private int _backendId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _backend = await TestBackend.StartAsync("net", ct);
        _host = await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?>
        {
            ["Gateway:TrustedProxies:0"] = "127.0.0.1",
            ["Gateway:InternalNetworks:0"] = "10.0.0.0/8",
        });
        _backendId = (await _host.CreateBackendAsync("net", _backend.Port, ct)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_InternalClient_AllowedOnlyFromInternalNetwork()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("internal", c => c.Audience = ClientAudience.Internal, ct);
        using var fromInside = ClientEnforcementTests.Request(path, client.ClientId, Password);
        fromInside.Headers.Add("X-Forwarded-For", "10.20.30.40");
        using var fromOutside = ClientEnforcementTests.Request(path, client.ClientId, Password);
        fromOutside.Headers.Add("X-Forwarded-For", "203.0.113.5");

        // Act
        using var inside = await _host.Gateway.SendAsync(fromInside, ct);
        using var outside = await _host.Gateway.SendAsync(fromOutside, ct);
        using var direct = await _host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        await ProblemBody.AssertAsync(outside, 403, "audience_not_allowed", ct);
        await ProblemBody.AssertAsync(direct, 403, "audience_not_allowed", ct);
    }

    [Fact]
    public async Task Call_IpBindingBehindTrustedProxy_UsesRightMostUntrustedAddress()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("proxied", c => c.IpBindings = [new ClientIpBinding { HostName = "partner", IpAddress = "198.51.100.0/24" }], ct);
        using var bound = ClientEnforcementTests.Request(path, client.ClientId, Password);
        bound.Headers.Add("X-Forwarded-For", "203.0.113.1, 198.51.100.23, 127.0.0.1");
        using var spoofedLeft = ClientEnforcementTests.Request(path, client.ClientId, Password);
        spoofedLeft.Headers.Add("X-Forwarded-For", "198.51.100.23, 203.0.113.1");

        // Act
        using var allowed = await _host.Gateway.SendAsync(bound, ct);
        using var refused = await _host.Gateway.SendAsync(spoofedLeft, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ProblemBody.AssertAsync(refused, 403, "ip_not_bound", ct);
    }

    private async Task<(string Path, ApiClient Client)> SetupAsync(string name, Action<ApiClient> customize, CancellationToken ct)
    {
        var api = await _host.CreateApiAsync(name, "/" + name, _backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(_host, name, [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(_host, name + "-client", Password, [group.Id], ct, customize);
        await _host.WaitForConfigAsync(ct);
        return ("/" + name, client);
    }
}
