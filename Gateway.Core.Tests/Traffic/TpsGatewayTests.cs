using System.Net;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>TPS/Node through a real gateway and backend; the limiter runs on a fake clock so the second never turns mid-test.</summary>
public sealed class TpsGatewayTests
{
    private const string Password = "Tps-Secret-1";

    [Fact]
    public async Task Call_BeyondTpsPerNode_429WithRateLimitHeadersUntilTheNextSecond()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("tps", ct);
        await using var host = await GatewayHost.StartAsync(ct, services => services.AddSingleton(new ClientTpsLimiter(clock)));
        var backendId = (await host.CreateBackendAsync("tps", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("tps", "/tps", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "tps", [api.Id], ct);
        var limited = await ClientSeeder.CreateClientAsync(host, "tps-client", Password, [group.Id], ct, c => c.TpsPerNode = 2);
        var unlimited = await ClientSeeder.CreateClientAsync(host, "free-client", Password, [group.Id], ct);
        await host.WaitForConfigAsync(ct);
        var before = backend.RequestCount;

        // Act
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await host.Gateway.SendAsync(ClientEnforcementTests.Request("/tps", limited.ClientId, Password), ct));
        }

        using var other = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/tps", unlimited.ClientId, Password), ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/tps", limited.ClientId, Password), ct);

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal("2", Header(responses[0], "RateLimit-Limit"));
        Assert.Equal("1", Header(responses[0], "RateLimit-Remaining"));
        Assert.Equal("0", Header(responses[1], "RateLimit-Remaining"));
        var refused = responses[2];
        await ProblemBody.AssertAsync(refused, 429, "tps_exceeded", ct);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("0", Header(refused, "RateLimit-Remaining"));
        Assert.Equal("1", Header(refused, "RateLimit-Reset"));
        Assert.Equal(before + 4, backend.RequestCount); // two limited calls, the other client, the next second: never the refused one
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.OK, nextSecond.StatusCode);
        responses.ForEach(r => r.Dispose());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
