using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class ApiVersionsGatewayTests
{
    [Fact]
    public async Task Gateway_TwoVersionsOfOneApi_RouteByTheirPrefixes()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var backendV1 = await TestBackend.StartAsync("shop-v1", cancellationToken);
        await using var backendV2 = await TestBackend.StartAsync("shop-v2", cancellationToken);
        await using var host = await GatewayHost.StartAsync(cancellationToken);
        var one = await host.CreateBackendAsync("shop-v1", backendV1.Port, cancellationToken);
        var two = await host.CreateBackendAsync("shop-v2", backendV2.Port, cancellationToken);
        await host.CreateApiAsync("shop", "/shop/v1", one.Id, cancellationToken, i => i with { Version = "v1" });
        await host.CreateApiAsync("shop", "/shop/v2", two.Id, cancellationToken, i => i with { Version = "v2" });
        await host.WaitForConfigAsync(cancellationToken);

        // Act
        using var first = await host.Gateway.GetAsync("/shop/v1/orders", cancellationToken);
        using var second = await host.Gateway.GetAsync("/shop/v2/orders", cancellationToken);

        // Assert
        var firstEcho = await EchoResponse.ReadAsync(first, cancellationToken);
        var secondEcho = await EchoResponse.ReadAsync(second, cancellationToken);
        Assert.Equal(("shop-v1", "/orders"), (firstEcho.Backend, firstEcho.Path));
        Assert.Equal(("shop-v2", "/orders"), (secondEcho.Backend, secondEcho.Path));
    }
}
