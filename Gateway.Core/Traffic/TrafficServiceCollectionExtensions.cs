using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the client API quota (counter, stored usage, writer, loader) and priority admission.</summary>
internal static class TrafficServiceCollectionExtensions
{
    public static IServiceCollection AddTrafficControl(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ClientQuotaCounter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISnapshotObserver, ClientQuotaCounter>(sp => sp.GetRequiredService<ClientQuotaCounter>()));
        services.TryAddSingleton<ClientQuotaService>();
        services.AddHostedService<ClientQuotaLoader>();
        services.AddHostedService<ClientQuotaWriter>();
        return services;
    }
}
