using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.ProxyCache;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Tests.Plugins.ProxyCache;

/// <summary>Compiles proxy-cache configurations for the tests.</summary>
internal static class ProxyCacheTestParts
{
    public static PluginCompilation Compile(string json, IProxyCacheStore? store = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        using var document = JsonDocument.Parse(json);
        return new ProxyCacheDefinition(store ?? new ProxyCacheStore(clock, ProxyCacheStore.DefaultCapacityBytes), clock)
            .Compile(new PluginSettings(5, PluginScope.Api, 1, document.RootElement.Clone()));
    }

    public static ProxyCachePlugin Plugin(string json, IProxyCacheStore? store = null, TimeProvider? clock = null) =>
        Assert.IsType<ProxyCachePlugin>(Compile(json, store, clock).Plugin);
}
