using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Plugins;

/// <summary>Registers the traffic plugins: rate-limiting (with its counter store), proxy-cache (with its cache store) and sandbox.</summary>
internal static class TrafficPluginsServiceCollectionExtensions
{
    public static IServiceCollection AddTrafficPlugins(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IRateLimitCounterStore>(sp => new LocalRateLimitCounterStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RateLimitingDefinition(
            sp.GetRequiredService<IRateLimitCounterStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<GatewayNetworks>()));
        services.AddSingleton<IPluginDefinition>(sp => sp.GetRequiredService<RateLimitingDefinition>());
        services.AddSingleton<IPluginDefinition, Sandbox.SandboxDefinition>();
        services.TryAddSingleton(sp => new ProxyCache.ProxyCacheStore(sp.GetRequiredService<TimeProvider>(), ProxyCacheCapacity(sp)));
        services.TryAddSingleton<ProxyCache.IProxyCacheStore>(sp => sp.GetRequiredService<ProxyCache.ProxyCacheStore>());
        services.TryAddSingleton(sp => new ProxyCache.ProxyCacheDefinition(sp.GetRequiredService<ProxyCache.IProxyCacheStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPluginDefinition>(sp => sp.GetRequiredService<ProxyCache.ProxyCacheDefinition>());
        services.TryAddSingleton<ProxyCache.ProxyCachePurgeService>();
        return services;
    }

    /// <summary>The proxy cache's size cap: <c>ProxyCache:MaxMegabytes</c> (default 64).</summary>
    private static long ProxyCacheCapacity(IServiceProvider services)
    {
        var megabytes = services.GetService<IConfiguration>()?.GetValue<int?>("ProxyCache:MaxMegabytes");
        return megabytes is > 0 ? megabytes.Value * 1024L * 1024 : ProxyCache.ProxyCacheStore.DefaultCapacityBytes;
    }
}
