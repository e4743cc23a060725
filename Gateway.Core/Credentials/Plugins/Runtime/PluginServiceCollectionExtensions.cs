using ApiManager.Gateway.Credentials.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>Registers API authentication settings, key-auth / JWT credentials and their gateway handlers.</summary>
internal static class PluginServiceCollectionExtensions
{
    public static IServiceCollection AddAuthenticationPlugins(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiAuthenticationService>();
        services.TryAddSingleton<PluginCredentialService>();
        services.AddSingleton<ICredentialHandler, KeyAuthHandler>();
        services.AddSingleton<ICredentialHandler, JwtHandler>();
        return services;
    }
}
