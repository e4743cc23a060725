using System.Net;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Pipeline;

public sealed class ProxyingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Proxy_PrefixWithStripPath_ForwardsRemainderAndQuery()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("shop");
        await fixture.Host.CreateApiAsync(name, $"/{name}/v1", fixture.BackendId, ct);
        await fixture.Host.WaitForConfigAsync(ct);

        // Act
        using var response = await fixture.Host.Gateway.GetAsync($"/{name}/v1/items/42?color=red&size=L", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("/items/42", echo.Path);
        Assert.Equal("?color=red&size=L", echo.Query);
    }
}
