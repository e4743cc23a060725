using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.LoadBalancing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers upstreams: the service, the per-node health registry and the YARP balancing policy.</summary>
public static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddUpstreams(this IServiceCollection services)
    {
        services.TryAddSingleton<UpstreamHealthRegistry>();
        services.TryAddSingleton<UpstreamService>();
        services.TryAddSingleton<UpstreamRuntimeCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ApiManager.Gateway.Runtime.ISnapshotObserver, UpstreamRuntimeCatalog>(sp => sp.GetRequiredService<UpstreamRuntimeCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, UpstreamLoadBalancingPolicy>());
        return services;
    }
}
