using ApiManager.Gateway.ApiUsers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers API users: options (section <c>ApiUsers</c>), <see cref="ApiUserService"/> and the resource-owner verifier.</summary>
public static class ApiUserServiceCollectionExtensions
{
    public static IServiceCollection AddApiUsers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiUserOptions>()
            .Bind(configuration.GetSection(ApiUserOptions.SectionName))
            .Validate(o => o.MaxFailedAttempts is >= 1 and <= 100, "ApiUsers:MaxFailedAttempts must be between 1 and 100.")
            .Validate(o => o.LockoutMinutes is >= 0 and <= 525_600, "ApiUsers:LockoutMinutes must be between 0 (until an admin unlocks) and 525600.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiManager.Gateway.Clients.ClientPasswordHasher>();
        services.TryAddSingleton<ApiUserService>();
        services.TryAddSingleton<IResourceOwnerVerifier, ResourceOwnerVerifier>();
        return services;
    }
}
