using ApiManager.Gateway.Plugins.Cors;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Plugins.Transformers;
using ApiManager.Gateway.Plugins.UpstreamBasicAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Plugins;

/// <summary>Registers the edge plugin types: cors, request-transformer, response-transformer, upstream-basic-auth.</summary>
internal static class EdgePluginsServiceCollectionExtensions
{
    public static IServiceCollection AddEdgePlugins(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginDefinition, CorsDefinition>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginDefinition, RequestTransformerDefinition>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginDefinition, ResponseTransformerDefinition>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginDefinition, UpstreamBasicAuthDefinition>());
        return services;
    }
}
