using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Management;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gateway: catalog data, feature services and the runtime.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Adds everything Gateway.Core provides, configured from <paramref name="configuration"/>.</summary>
    public static IGatewayBuilder AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddDbContextFactory<GatewayDbContext>((sp, options) =>
        {
            var connectionString = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
            options.UseApiManagerSqlite(connectionString, typeof(GatewayDbContext).Assembly.GetName().Name!, GatewayDbContextHistory.TableName);
        });

        // The console sets where the key ring lives; without a host that does, keys stay in memory.
        services.AddDataProtection();
        services.TryAddSingleton<ApiManager.Gateway.Credentials.SecretProtector>();
        services.AddOptions<ApiManager.Gateway.Credentials.CredentialExpiryOptions>()
            .Bind(configuration.GetSection(ApiManager.Gateway.Credentials.CredentialExpiryOptions.SectionName))
            .Validate(o => o.ExpiryReminderDays is >= 0 and <= 365, "Credentials:ExpiryReminderDays must be between 0 and 365.")
            .ValidateOnStart();
        services.TryAddSingleton<ApiManager.Gateway.Credentials.CredentialExpiryService>();
        services.TryAddSingleton<ListenerAddresses>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenerMatcherPolicy>());

        services.TryAddSingleton<AuditRecorder>();
        services.TryAddSingleton<AuditLogService>();
        services.TryAddSingleton<ConfigChangeWriter>();
        services.TryAddSingleton<BackendService>();
        services.TryAddSingleton<ApiService>();
        services.TryAddSingleton<ApiManager.Gateway.SecurityLevels.SecurityLevelService>();
        services.TryAddSingleton<ApiManager.Gateway.Groups.ApiGroupService>();
        services.TryAddSingleton<ApiManager.Gateway.Scopes.ApiScopeService>();
        services.TryAddSingleton<ApiManager.Gateway.Clients.ClientPasswordHasher>();
        services.TryAddSingleton<ApiManager.Gateway.Clients.ApiClientService>();
        services.TryAddSingleton<ApiManager.Gateway.Clients.ClientSecurityService>();
        services.TryAddSingleton<ApiManager.Gateway.Clients.Portal.PartnerSignInService>();
        services.AddApiUsers(configuration);
        services.AddXApiKeys();

        services.AddSignedKeys();
        ApiManager.Gateway.Credentials.Plugins.Runtime.PluginServiceCollectionExtensions.AddAuthenticationPlugins(services);
        services.AddPluginManagement();

        services.AddOAuthServer(configuration);
        ApiManager.Gateway.Plugins.EdgePluginsServiceCollectionExtensions.AddEdgePlugins(services);
        services.AddTrafficControl(configuration);
        ApiManager.Gateway.Plugins.TrafficPluginsServiceCollectionExtensions.AddTrafficPlugins(services);
        services.AddCallLog(configuration);
        services.AddUpstreams();
        ApiManager.Gateway.Forwarding.ForwardingServiceCollectionExtensions.AddForwarding(services, configuration);
        ApiManager.Gateway.Apis.OpenApi.OpenApiImportServiceCollectionExtensions.AddOpenApiImport(services);
        ApiManager.Gateway.Apis.Testing.ApiToolsServiceCollectionExtensions.AddApiTools(services);

        var builder = new GatewayBuilder(services);
        builder.AddRuntime();
        return builder;
    }
}
