using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Upstreams.Runtime;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.LoadBalancing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers upstreams: the service, the per-node health registry, the active health checker and the YARP balancing policy.</summary>
public static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddUpstreams(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new UpstreamHealthMetrics(sp.GetRequiredService<GatewayMetrics>()));
        services.TryAddSingleton<UpstreamHealthRegistry>();
        services.TryAddSingleton<UpstreamActiveHealthChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ApiManager.Gateway.Runtime.ISnapshotObserver, UpstreamActiveHealthChecker>(sp => sp.GetRequiredService<UpstreamActiveHealthChecker>()));
        services.AddHostedService(sp => sp.GetRequiredService<UpstreamActiveHealthChecker>());
        services.TryAddSingleton<UpstreamService>();
        services.TryAddSingleton<UpstreamRuntimeCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ApiManager.Gateway.Runtime.ISnapshotObserver, UpstreamRuntimeCatalog>(sp => sp.GetRequiredService<UpstreamRuntimeCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, UpstreamLoadBalancingPolicy>());
        return services;
    }
}
