using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.IpRestriction;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the plugin service (storage and validation of plugin instances) and the ip-restriction plugin.</summary>
public static class PluginsServiceCollectionExtensions
{
    public static IServiceCollection AddPluginManagement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<PluginService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginDefinition, IpRestrictionDefinition>());
        return services;
    }
}
