using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Credentials.XApiKeys.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers X-Api-Keys: the admin service and the gateway's <c>X-Api-Key</c> handler.</summary>
public static class XApiKeyServiceCollectionExtensions
{
    public static IServiceCollection AddXApiKeys(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<XApiKeyService>();
        services.AddSingleton<ICredentialHandler, XApiKeyHandler>();
        return services;
    }
}
