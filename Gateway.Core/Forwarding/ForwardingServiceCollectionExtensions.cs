using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Forwarding;

/// <summary>Registers forwarding retries: options (validated at startup) and the retry metric.</summary>
internal static class ForwardingServiceCollectionExtensions
{
    public static IServiceCollection AddForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardingOptions>()
            .Bind(configuration.GetSection(ForwardingOptions.SectionName))
            .Validate(o => o.MaxRetryBodyBytes >= 0, "Gateway:Forwarding:MaxRetryBodyBytes must be 0 or more.")
            .ValidateOnStart();
        services.TryAddSingleton<ForwardRetryMetrics>();
        return services;
    }
}
