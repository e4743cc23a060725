using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
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
        return services;
    }
}
