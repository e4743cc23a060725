using System.Net;
using ApiManager.Gateway.Apis.Diversion;

namespace ApiManager.Gateway.Tests.Apis.Diversion;

/// <summary>Compiling and matching an API's diversion rules.</summary>
public sealed class ApiDiversionSetTests
{
    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10", true)]
    [InlineData("192.168.1.10", "192.168.1.11", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/16", "10.1.200.9", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("0.0.0.0/0", "203.0.113.7", true)]
    public void Match_SingleRule_MatchesOnlyAddressesInTheNetwork(string source, string caller, bool expected)
    {
        // Arrange
        var set = Compile(Row(source, "http://10.9.9.9:8080"));

        // Act
        var rule = set.Match(IPAddress.Parse(caller));

        // Assert
        Assert.Equal(expected, rule is not null);
    }

    [Fact]
    public void Match_OverlappingRules_FirstInOrderWins()
    {
        // Arrange
        var set = Compile(Row("10.1.0.0/16", "http://first:8080"), Row("10.0.0.0/8", "http://second:8080"), Row("10.1.2.3", "http://third:8080"));

        // Act
        var inBoth = set.Match(IPAddress.Parse("10.1.2.3"));
        var inSecondOnly = set.Match(IPAddress.Parse("10.2.0.1"));

        // Assert
        Assert.Equal("http://first:8080", inBoth!.TargetUrl);
        Assert.Equal("http://second:8080", inSecondOnly!.TargetUrl);
    }

    [Fact]
    public void Compile_Rules_DestinationAddressIsTheTargetUrlWithItsPath()
    {
        // Arrange
        var rows = new[] { Row("127.0.0.1/32", "https://mirror.example:9443/base/v2") };

        // Act
        var set = Compile(rows);

        // Assert
        var destination = Assert.Single(set.Rules).Destination;
        Assert.Equal("https://mirror.example:9443/base/v2", destination.Model.Config.Address);
        Assert.Equal("diversion-1", destination.DestinationId);
        Assert.Same(destination, Assert.Single(destination));
    }

    [Fact]
    public void Compile_NoRows_Null()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = ApiDiversionSet.Compile([], "API x", problems);

        // Assert
        Assert.Null(set);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("10.0.0.0/33", "http://a:1")]
    [InlineData("not-an-ip", "http://a:1")]
    [InlineData("10.0.0.0/8", "ftp://a/b")]
    [InlineData("10.0.0.0/8", "http://a:1/b?x=1")]
    public void Compile_BadRow_ReportsProblemWithLabel(string source, string url)
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = ApiDiversionSet.Compile([Row(source, url)], "API 'shop' v1 (id 3)", problems);

        // Assert
        Assert.Null(set);
        Assert.StartsWith("API 'shop' v1 (id 3): diversion", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("10.0.0.7", "10.0.0.7/32")]
    [InlineData("2001:DB8::1/32", "2001:db8::/32")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1/32")]
    public void CanonicalSource_EquivalentSpellings_SameText(string source, string expected)
    {
        // Act
        var canonical = ApiDiversionRules.CanonicalSource(source);

        // Assert
        Assert.Equal(expected, canonical);
    }

    private static ApiIpDiversion Row(string source, string url) => new() { Source = source, TargetUrl = url };

    private static ApiDiversionSet Compile(params ApiIpDiversion[] rows)
    {
        var problems = new List<string>();
        var set = ApiDiversionSet.Compile(rows, "API", problems);
        Assert.Empty(problems);
        return set!;
    }
}
