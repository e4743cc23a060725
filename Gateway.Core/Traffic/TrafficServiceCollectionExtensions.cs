using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the client API quota (counter, stored usage, writer, loader) and priority admission.</summary>
internal static class TrafficServiceCollectionExtensions
{
    public static IServiceCollection AddTrafficControl(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ClientQuotaCounter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISnapshotObserver, ClientQuotaCounter>(sp => sp.GetRequiredService<ClientQuotaCounter>()));
        services.TryAddSingleton<ClientQuotaService>();
        services.AddHostedService<ClientQuotaLoader>();
        services.AddHostedService<ClientQuotaWriter>();

        services.AddOptions<AdmissionOptions>()
            .Bind(configuration.GetSection(AdmissionOptions.SectionName))
            .Validate(o => o.MaxInFlight >= 0, "Gateway:Admission:MaxInFlight must be 0 (off) or more.")
            .Validate(o => o.MaxWaitMs is >= 1 and <= 60000, "Gateway:Admission:MaxWaitMs must be between 1 and 60000.")
            .Validate(o => o.QueueLimit is >= 0 and <= 1_000_000, "Gateway:Admission:QueueLimit must be between 0 and 1000000.")
            .Validate(o => o.DefaultPriority is >= 0 and <= 9, "Gateway:Admission:DefaultPriority must be between 0 and 9.")
            .ValidateOnStart();
        services.TryAddSingleton<PriorityAdmission>();
        return services;
    }
}
