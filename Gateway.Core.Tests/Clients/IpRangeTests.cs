using System.Net;
using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Tests.Clients;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10", true)]
    [InlineData("192.168.1.10", "192.168.1.11", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/8", "10.99.0.1", true)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("fc00::/7", "fd12:3456::1", true)]
    [InlineData("10.0.0.1", "::ffff:10.0.0.1", true)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("::/0", "10.0.0.1", false)]
    public void Contains_AddressOrCidr_MatchesExpected(string range, string address, bool expected)
    {
        // Arrange
        Assert.True(IpRange.TryParse(range, out var parsed));
        var candidate = IpRange.Normalize(IPAddress.Parse(address));

        // Act
        var contains = parsed.Value.Contains(candidate);

        // Assert
        Assert.Equal(expected, contains);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("fe80::1%3")]
    public void TryParse_BadInput_ReturnsFalse(string? text)
    {
        // Act
        var ok = IpRange.TryParse(text, out var range);

        // Assert
        Assert.False(ok);
        Assert.Null(range);
    }

    [Fact]
    public void Parse_BadEntry_ThrowsNamingIt()
    {
        // Act
        var error = Assert.Throws<FormatException>(() => IpRangeSet.Parse(["10.0.0.0/8", "nope"]));

        // Assert
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_NullAddress_ReturnsFalse()
    {
        // Arrange
        var set = IpRangeSet.Parse(["0.0.0.0/0"]);

        // Act & Assert
        Assert.False(set.Contains(null));
    }
}
