using System.Net;
using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.IpRestriction;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Tests.Plugins.IpRestriction;

/// <summary>ip-restriction: configuration validation and the allow/deny decision (CIDR v4/v6, deny first, IPv4-mapped).</summary>
public sealed class IpRestrictionDefinitionTests
{
    private readonly IpRestrictionDefinition _definition = new();

    [Theory]
    [InlineData("""{"deny":["10.0.0.0/8"]}""", "10.20.30.40", false)]
    [InlineData("""{"deny":["10.0.0.0/8"]}""", "11.0.0.1", true)]
    [InlineData("""{"allow":["192.168.0.0/16"]}""", "192.168.44.1", true)]
    [InlineData("""{"allow":["192.168.0.0/16"]}""", "192.169.0.1", false)]
    [InlineData("""{"allow":["203.0.113.7"]}""", "203.0.113.7", true)]
    [InlineData("""{"allow":["203.0.113.7"]}""", "203.0.113.8", false)]
    [InlineData("""{"allow":["2001:db8::/32"]}""", "2001:db8:1::9", true)]
    [InlineData("""{"allow":["2001:db8::/32"]}""", "2001:db9::9", false)]
    [InlineData("""{"deny":["2001:db8::1"]}""", "2001:db8::1", false)]
    [InlineData("""{"deny":["2001:db8::1"]}""", "2001:db8::2", true)]
    [InlineData("""{"allow":["2001:db8::/32"]}""", "10.0.0.1", false)]
    [InlineData("""{"allow":["10.0.0.0/8"],"deny":["10.1.0.0/16"]}""", "10.1.2.3", false)]
    [InlineData("""{"allow":["10.0.0.0/8"],"deny":["10.1.0.0/16"]}""", "10.2.2.3", true)]
    [InlineData("""{"allow":["10.0.0.0/8"],"deny":["10.0.0.0/8"]}""", "10.0.0.1", false)]
    [InlineData("""{"allow":["127.0.0.1"]}""", "::ffff:127.0.0.1", true)]
    [InlineData("""{"deny":["127.0.0.0/8"]}""", "::ffff:127.0.0.5", false)]
    [InlineData("""{"allow":["0.0.0.0/0"]}""", "198.51.100.1", true)]
    [InlineData("""{"allow":["::/0"]}""", "198.51.100.1", false)]
    public void Allows_Address_DenyFirstThenAllowList(string configuration, string address, bool expected)
    {
        // Arrange
        var plugin = Compile(configuration);

        // Act
        var allowed = plugin.Allows(Normalize(address));

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void Allows_UnknownAddress_Refused()
    {
        // Arrange
        var plugin = Compile("""{"deny":["10.0.0.1"]}""");

        // Act
        var allowed = plugin.Allows(null);

        // Assert
        Assert.False(allowed);
    }

    [Fact]
    public void ErrorFor_Defaults_403WithKongMessageAndCallerIp()
    {
        // Arrange
        var plugin = Compile("""{"deny":["127.0.0.1"]}""");

        // Act
        var error = plugin.ErrorFor(IPAddress.Loopback);

        // Assert
        Assert.Equal(403, error.Status);
        Assert.Equal("ip_not_allowed", error.Code);
        Assert.Equal("Forbidden", error.Title);
        Assert.Equal("IP address not allowed: 127.0.0.1", error.Detail);
    }

    [Fact]
    public void ErrorFor_CustomStatusAndMessage_Used()
    {
        // Arrange
        var plugin = Compile("""{"deny":["127.0.0.1"],"status":451,"message":"Not from there"}""");

        // Act
        var error = plugin.ErrorFor(IPAddress.Loopback);

        // Assert
        Assert.Equal(451, error.Status);
        Assert.Equal("Not from there", error.Detail);
    }

    [Theory]
    [InlineData("""{}""", "config.allow", "Set at least one IP address or CIDR range in allow or deny.")]
    [InlineData("""{"allow":[],"deny":null}""", "config.allow", "Set at least one IP address or CIDR range in allow or deny.")]
    [InlineData("""{"allow":["10.0.0.1","10.0.0.0/33"]}""", "config.allow[1]", "'10.0.0.0/33' is not an IP address or CIDR range.")]
    [InlineData("""{"deny":["2001:db8::/129"]}""", "config.deny[0]", "'2001:db8::/129' is not an IP address or CIDR range.")]
    [InlineData("""{"deny":[42]}""", "config.deny[0]", "'42' is not an IP address or CIDR range.")]
    [InlineData("""{"deny":"10.0.0.1"}""", "config.deny", "'deny' must be a list of IP addresses or CIDR ranges, e.g. [\"10.0.0.0/8\", \"2001:db8::1\"].")]
    [InlineData("""{"deny":["10.0.0.1"],"status":"403"}""", "config.status", "Status must be a whole number between 400 and 599.")]
    [InlineData("""{"deny":["10.0.0.1"],"status":302}""", "config.status", "Status must be a whole number between 400 and 599.")]
    [InlineData("""{"deny":["10.0.0.1"],"status":403.5}""", "config.status", "Status must be a whole number between 400 and 599.")]
    [InlineData("""{"deny":["10.0.0.1"],"message":7}""", "config.message", "Message must be a text or null (the default message).")]
    [InlineData("""{"deny":["10.0.0.1"],"whitelist":["1.2.3.4"]}""", "config.whitelist", "Unknown field 'whitelist'; ip-restriction takes allow, deny, status and message.")]
    public void Compile_BadConfiguration_FieldError(string configuration, string field, string message)
    {
        // Act
        var compilation = _definition.Compile(Settings(configuration));

        // Assert
        Assert.False(compilation.Succeeded);
        Assert.Equal([message], compilation.Errors[field]);
    }

    [Fact]
    public void Compile_TooLongMessage_FieldError()
    {
        // Act
        var compilation = _definition.Compile(Settings($$"""{"deny":["10.0.0.1"],"message":"{{new string('x', 501)}}"}"""));

        // Assert
        Assert.Equal(["Message must be at most 500 characters."], compilation.Errors["config.message"]);
    }

    [Fact]
    public void Compile_DefaultConfigurationWithOneEntry_Compiles()
    {
        // Arrange
        using var defaults = JsonDocument.Parse(_definition.DefaultConfiguration);

        // Act
        var compilation = _definition.Compile(Settings("""{"allow":["10.0.0.0/8"],"deny":[],"status":403,"message":null}"""));

        // Assert
        Assert.True(compilation.Succeeded);
        Assert.Equal(["allow", "deny", "status", "message"], defaults.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client, _definition.AllowedScopes);
    }

    private IpRestrictionPlugin Compile(string configuration)
    {
        var compilation = _definition.Compile(Settings(configuration));
        return Assert.IsType<IpRestrictionPlugin>(compilation.Plugin);
    }

    private static PluginSettings Settings(string configuration)
    {
        using var document = JsonDocument.Parse(configuration);
        return new PluginSettings(7, PluginScope.Api, 1, document.RootElement.Clone());
    }

    private static IPAddress Normalize(string address) => ApiManager.Gateway.Clients.Runtime.IpRange.Normalize(IPAddress.Parse(address));
}
