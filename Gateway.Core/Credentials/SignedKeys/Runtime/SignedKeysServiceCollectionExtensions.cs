using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.SignedKeys.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers signed API keys ("DGRK"): the service, the gateway handler, its runtime state and usage writer.</summary>
internal static class SignedKeysServiceCollectionExtensions
{
    public static IServiceCollection AddSignedKeys(this IServiceCollection services)
    {
        services.TryAddSingleton<SignedKeyService>();
        services.TryAddSingleton<SignedKeyRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISnapshotObserver, SignedKeyRuntime>(sp => sp.GetRequiredService<SignedKeyRuntime>()));
        services.AddSingleton<ICredentialHandler, SignedKeyHandler>();
        services.AddHostedService<SignedKeyUsageWriter>();
        return services;
    }
}
