using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Management;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Microsoft.Extensions.DependencyInjection;

internal static class RuntimeGatewayBuilderExtensions
{
    /// <summary>The config signal, snapshot, YARP config provider, rebuild service, forwarder client factory and metrics.</summary>
    public static IGatewayBuilder AddRuntime(this IGatewayBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<GatewayRuntimeStatus>();
        services.TryAddSingleton<ChannelConfigSignal>();
        services.TryAddSingleton<IGatewayConfigSignal>(sp => sp.GetRequiredService<ChannelConfigSignal>());
        services.TryAddSingleton<GatewayMetrics>();

        // Resolved lazily by YARP (factory, not an instance), so a test host can replace the reader.
        services.TryAddSingleton<ICatalogReader, DbCatalogReader>();
        services.TryAddSingleton<DbProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<DbProxyConfigProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigChangeListener, SnapshotChangeListener>());
        services.AddHostedService<SnapshotRebuildService>();
        services.TryAddSingleton<ReadinessProbe>();

        // Client identification and enforcement (snapshot-only checks, lockout counting persisted in the background).
        services.TryAddSingleton(sp => new GatewayNetworks(sp.GetRequiredService<IOptions<GatewayOptions>>()));
        services.TryAddSingleton<PasswordVerificationCache>();
        services.TryAddSingleton<ClientLockoutTracker>();
        services.TryAddSingleton<ClientAuthenticator>();
        services.AddSingleton<ICredentialHandler, ClientBasicHandler>();
        services.TryAddSingleton<ApiManager.Gateway.Traffic.ClientTpsLimiter>();
        services.TryAddSingleton<CredentialDispatcher>();
        // Plugins: each type registers its IPluginDefinition; the registry compiles stored instances per snapshot.
        services.TryAddSingleton<ApiManager.Gateway.Plugins.Runtime.PluginRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISnapshotObserver, ClientSnapshotObserver>());
        services.AddHostedService<ClientLockoutWriter>();

        // YARP validates a route's authorization policy name, which needs the authorization services.
        services.AddAuthorization();
        services.AddReverseProxy().AddTransforms<RequestIdTransformProvider>();
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, BackendHttpClientFactory>());
        return builder;
    }
}
