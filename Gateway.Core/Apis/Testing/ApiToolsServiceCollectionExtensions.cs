using ApiManager.Gateway.Apis.Diversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Apis.Testing;

/// <summary>Registers the API IP diversion service and the API Test service.</summary>
internal static class ApiToolsServiceCollectionExtensions
{
    public static IServiceCollection AddApiTools(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiDiversionService>();
        services.TryAddSingleton<ApiTestClient>();
        services.TryAddSingleton<ApiTestService>();
        return services;
    }
}
