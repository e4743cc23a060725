using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>Registers the OpenAPI import services.</summary>
public static class OpenApiImportServiceCollectionExtensions
{
    public static IServiceCollection AddOpenApiImport(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenApiImportOptions>();
        services.TryAddSingleton<OpenApiSpecFetcher>();
        services.TryAddSingleton<OpenApiImportService>();
        services.TryAddSingleton<Wizard.ApiWizardService>();
        return services;
    }
}
