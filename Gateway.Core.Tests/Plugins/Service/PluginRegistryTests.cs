using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.IpRestriction;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Tests.Plugins.Service;

public sealed class PluginRegistryTests
{
    [Fact]
    public void Constructor_TypeRegisteredTwice_LastRegistrationWins()
    {
        // Arrange
        var replacement = new FakePluginDefinition(PluginType.IpRestriction);

        // Act
        var registry = new PluginRegistry([new IpRestrictionDefinition(), replacement]);

        // Assert
        Assert.True(registry.TryGet(PluginType.IpRestriction, out var definition));
        Assert.Same(replacement, definition);
        Assert.Single(registry.Definitions);
    }
}
