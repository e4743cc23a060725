using System.Net;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Management;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Clients;

public sealed class GatewayNetworksTests
{
    [Fact]
    public void CallerAddress_NoTrustedProxies_IgnoresForwardedFor()
    {
        // Arrange
        var networks = new GatewayNetworks([], GatewayOptions.DefaultInternalNetworks);
        var context = Context("127.0.0.1", "10.1.1.1");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Equal(IPAddress.Parse("127.0.0.1"), caller);
    }

    [Fact]
    public void CallerAddress_PeerNotTrusted_IgnoresForwardedFor()
    {
        // Arrange
        var networks = new GatewayNetworks(["192.168.0.0/16"], GatewayOptions.DefaultInternalNetworks);
        var context = Context("203.0.113.7", "10.1.1.1");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Equal(IPAddress.Parse("203.0.113.7"), caller);
    }

    [Fact]
    public void CallerAddress_TrustedChain_TakesRightMostUntrusted()
    {
        // Arrange
        var networks = new GatewayNetworks(["127.0.0.1", "192.168.0.0/16"], GatewayOptions.DefaultInternalNetworks);
        var context = Context("127.0.0.1", "1.1.1.1, 203.0.113.9, 192.168.5.5");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Equal(IPAddress.Parse("203.0.113.9"), caller);
    }

    [Fact]
    public void CallerAddress_SeveralHeaderLines_ReadsLastLineFirst()
    {
        // Arrange
        var networks = new GatewayNetworks(["127.0.0.1"], GatewayOptions.DefaultInternalNetworks);
        var context = Context("127.0.0.1", "9.9.9.9", "2001:db8::7");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Equal(IPAddress.Parse("2001:db8::7"), caller);
    }

    [Fact]
    public void CallerAddress_MalformedHop_IsUnknown()
    {
        // Arrange
        var networks = new GatewayNetworks(["127.0.0.1"], GatewayOptions.DefaultInternalNetworks);
        var context = Context("127.0.0.1", "10.0.0.1, garbage");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Null(caller);
    }

    [Fact]
    public void CallerAddress_MappedIPv4Peer_IsIPv4()
    {
        // Arrange
        var networks = new GatewayNetworks([], GatewayOptions.DefaultInternalNetworks);
        var context = Context("::ffff:10.2.3.4");

        // Act
        var caller = networks.CallerAddress(context);

        // Assert
        Assert.Equal(IPAddress.Parse("10.2.3.4"), caller);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.4.4.4", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.9.9", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::5", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:db8::1", false)]
    public void InternalNetworks_Defaults_CoverLoopbackAndPrivateRanges(string address, bool expected)
    {
        // Arrange
        var networks = new GatewayNetworks([], GatewayOptions.DefaultInternalNetworks);

        // Act & Assert
        Assert.Equal(expected, networks.InternalNetworks.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Validate_BadTrustedProxyAndNetwork_FailsNamingBoth()
    {
        // Arrange
        var options = new GatewayOptions { TrustedProxies = ["10.0.0.1", "proxy.local"], InternalNetworks = ["10.0.0.0/40"] };

        // Act
        var result = new GatewayOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Gateway:TrustedProxies", StringComparison.Ordinal) && f.Contains("proxy.local", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Gateway:InternalNetworks", StringComparison.Ordinal) && f.Contains("10.0.0.0/40", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DefaultOptions_Succeeds()
    {
        // Act
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    private static DefaultHttpContext Context(string peer, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }
}
