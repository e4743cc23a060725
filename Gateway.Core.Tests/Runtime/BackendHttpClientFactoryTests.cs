using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Tests.Runtime;

public sealed class BackendHttpClientFactoryTests
{
    private static Dictionary<string, string> Metadata(string connectTimeoutMs) => new() { [GatewayMetadataKeys.ConnectTimeoutMs] = connectTimeoutMs };

    [Fact]
    public void Apply_ConnectTimeoutInMetadata_SetOnHandlerWithBoundedLifetime()
    {
        // Arrange
        using var handler = new SocketsHttpHandler();

        // Act
        BackendHttpClientFactory.Apply(Metadata("1234"), handler);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(1234), handler.ConnectTimeout);
        Assert.Equal(BackendHttpClientFactory.PooledConnectionLifetime, handler.PooledConnectionLifetime);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void Apply_InvalidConnectTimeout_LeavesDefault(string value)
    {
        // Arrange
        using var handler = new SocketsHttpHandler();
        var before = handler.ConnectTimeout;

        // Act
        BackendHttpClientFactory.Apply(Metadata(value), handler);

        // Assert
        Assert.Equal(before, handler.ConnectTimeout);
    }

    [Fact]
    public void CreateClient_SameSettings_ReusesClient()
    {
        // Arrange
        var factory = new BackendHttpClientFactory(NullLogger<ForwarderHttpClientFactory>.Instance);
        var config = new HttpClientConfig();
        var first = factory.CreateClient(new ForwarderHttpClientContext { ClusterId = "backend-1", NewConfig = config, NewMetadata = Metadata("1000") });

        // Act
        var second = factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "backend-1", OldClient = first, OldConfig = config, OldMetadata = Metadata("1000"), NewConfig = config, NewMetadata = Metadata("1000"),
        });

        // Assert
        Assert.Same(first, second);
    }

    [Fact]
    public void CreateClient_ConnectTimeoutChanged_CreatesNewClient()
    {
        // Arrange
        var factory = new BackendHttpClientFactory(NullLogger<ForwarderHttpClientFactory>.Instance);
        var config = new HttpClientConfig();
        var first = factory.CreateClient(new ForwarderHttpClientContext { ClusterId = "backend-1", NewConfig = config, NewMetadata = Metadata("1000") });

        // Act
        var second = factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "backend-1", OldClient = first, OldConfig = config, OldMetadata = Metadata("1000"), NewConfig = config, NewMetadata = Metadata("2000"),
        });

        // Assert
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Apply_WriteTimeoutInMetadata_ConnectCallbackCarriesIt()
    {
        // Arrange
        using var handler = new SocketsHttpHandler();
        var metadata = new Dictionary<string, string> { [GatewayMetadataKeys.WriteTimeoutMs] = "750" };

        // Act
        BackendHttpClientFactory.Apply(metadata, handler);

        // Assert
        var connector = Assert.IsType<ApiManager.Gateway.Forwarding.BackendConnector>(handler.ConnectCallback?.Target);
        Assert.Equal(TimeSpan.FromMilliseconds(750), connector.WriteTimeout);
    }

    [Fact]
    public void Apply_NoWriteTimeout_DefaultConnect()
    {
        // Arrange
        using var handler = new SocketsHttpHandler();

        // Act
        BackendHttpClientFactory.Apply(Metadata("1000"), handler);

        // Assert
        Assert.Null(handler.ConnectCallback);
    }

    [Fact]
    public void CreateClient_WriteTimeoutChanged_CreatesNewClient()
    {
        // Arrange
        var factory = new BackendHttpClientFactory(NullLogger<ForwarderHttpClientFactory>.Instance);
        var config = new HttpClientConfig();
        var old = new Dictionary<string, string> { [GatewayMetadataKeys.WriteTimeoutMs] = "1000" };
        var changed = new Dictionary<string, string> { [GatewayMetadataKeys.WriteTimeoutMs] = "2000" };
        var first = factory.CreateClient(new ForwarderHttpClientContext { ClusterId = "backend-1", NewConfig = config, NewMetadata = old });

        // Act
        var second = factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "backend-1", OldClient = first, OldConfig = config, OldMetadata = old, NewConfig = config, NewMetadata = changed,
        });

        // Assert
        Assert.NotSame(first, second);
    }
}
