using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Plugins;

/// <summary>Effective plugin chains: narrowest scope wins per type, client overrides, run order, compile failures.</summary>
public sealed class PluginChainBuilderTests
{
    private static readonly PluginRegistry Registry = new(
    [
        new FakePluginDefinition(PluginType.RateLimiting),
        new FakePluginDefinition(PluginType.IpRestriction),
        new FakePluginDefinition(PluginType.ProxyCache),
        new FakePluginDefinition(PluginType.Cors, beforeAuthentication: true),
    ]);

    [Fact]
    public void For_SameTypeAtEveryScope_NarrowestWins()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(7, "/a", backendId: 3);
        var other = CatalogRowsFactory.Api(8, "/b", backendId: 4);
        var problems = new List<string>();
        var builder = new PluginChainBuilder(
        [
            Plugin(1, PluginType.RateLimiting, PluginScope.Global),
            Plugin(2, PluginType.RateLimiting, PluginScope.Backend, backendId: 3),
            Plugin(3, PluginType.RateLimiting, PluginScope.Api, apiId: 7),
            Plugin(4, PluginType.IpRestriction, PluginScope.Backend, backendId: 3),
        ], Registry, problems);

        // Act
        var chain = builder.For(api);
        var otherChain = builder.For(other);

        // Assert
        Assert.Empty(problems);
        Assert.Equal([(PluginType.IpRestriction, 4), (PluginType.RateLimiting, 3)], chain.AfterAuthentication.Select(p => (p.Type, p.InstanceId)));
        Assert.Equal([(PluginType.RateLimiting, 1)], otherChain.AfterAuthentication.Select(p => (p.Type, p.InstanceId)));
    }

    [Fact]
    public void After_ClientScopedPlugin_ReplacesItsTypeForThatClientOnly()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(7, "/a", backendId: 3);
        var builder = new PluginChainBuilder(
        [
            Plugin(1, PluginType.RateLimiting, PluginScope.Api, apiId: 7),
            Plugin(2, PluginType.ProxyCache, PluginScope.Global),
            Plugin(3, PluginType.RateLimiting, PluginScope.Client, clientId: 50),
            Plugin(4, PluginType.Cors, PluginScope.Global),
        ], Registry, []);
        var chain = builder.For(api);

        // Act
        var forClient = chain.After(Client(50));
        var forOther = chain.After(Client(51));
        var forPublic = chain.After(null);

        // Assert
        Assert.Equal([3, 2], forClient.Select(p => p.InstanceId));
        Assert.Equal([1, 2], forOther.Select(p => p.InstanceId));
        Assert.Same(chain.AfterAuthentication, forPublic);
        Assert.Equal([4], chain.BeforeAuthentication.Select(p => p.InstanceId));
    }

    [Fact]
    public void For_DisabledInstance_WiderScopeApplies()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(7, "/a", backendId: 3);
        var disabled = Plugin(2, PluginType.RateLimiting, PluginScope.Api, apiId: 7);
        disabled.Enabled = false;
        var builder = new PluginChainBuilder([Plugin(1, PluginType.RateLimiting, PluginScope.Global), disabled], Registry, []);

        // Act
        var chain = builder.For(api);

        // Assert
        Assert.Equal([1], chain.AfterAuthentication.Select(p => p.InstanceId));
    }

    [Fact]
    public void For_NoPlugins_EmptyChain()
    {
        // Arrange
        var builder = new PluginChainBuilder([], Registry, []);

        // Act
        var chain = builder.For(CatalogRowsFactory.Api(1, "/a"));

        // Assert
        Assert.Same(PluginChain.Empty, chain);
        Assert.True(chain.IsEmpty);
    }

    [Fact]
    public void Constructor_BadConfigurationOrUnknownTypeOrNoTarget_ReportsEachProblem()
    {
        // Arrange
        var badJson = Plugin(1, PluginType.RateLimiting, PluginScope.Global);
        badJson.Configuration = "{not json";
        var failing = Plugin(2, PluginType.IpRestriction, PluginScope.Global);
        failing.Configuration = """{"fail": true}""";
        var unknown = Plugin(3, PluginType.Sandbox, PluginScope.Global);
        var noTarget = Plugin(4, PluginType.ProxyCache, PluginScope.Api);
        var problems = new List<string>();

        // Act
        _ = new PluginChainBuilder([badJson, failing, unknown, noTarget], Registry, problems);

        // Assert
        Assert.Equal(4, problems.Count);
        Assert.Contains("not valid JSON", problems[0], StringComparison.Ordinal);
        Assert.Contains("config.fail", problems[1], StringComparison.Ordinal);
        Assert.Contains("No plugin of type 'sandbox'", problems[2], StringComparison.Ordinal);
        Assert.Contains("has no target", problems[3], StringComparison.Ordinal);
    }

    internal static PluginInstance Plugin(int id, PluginType type, PluginScope scope, int? backendId = null, int? apiId = null, int? clientId = null) => new()
    {
        Id = id,
        Type = type,
        Scope = scope,
        BackendId = backendId,
        ApiId = apiId,
        ClientId = clientId,
    };

    private static ClientEntry Client(int id) => ClientRowsFactory.Entry(id);
}
