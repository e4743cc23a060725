using ApiManager.Gateway.Apis;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Jobs;
using ApiManager.Gateway.Mail;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Data;

/// <summary>The gateway catalog: backends, APIs, clients, groups, scopes, security levels, config version, audit log, mail outbox, job runs.</summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<Backend> Backends => Set<Backend>();
    public DbSet<ApiDefinition> Apis => Set<ApiDefinition>();
    public DbSet<ApiManager.Gateway.Apis.OpenApi.ApiOpenApiDocument> ApiOpenApiDocuments => Set<ApiManager.Gateway.Apis.OpenApi.ApiOpenApiDocument>();
    public DbSet<ApiOperation> ApiOperations => Set<ApiOperation>();
    public DbSet<Apis.Diversion.ApiIpDiversion> ApiIpDiversions => Set<Apis.Diversion.ApiIpDiversion>();
    public DbSet<ConfigVersion> ConfigVersions => Set<ConfigVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<MailLogEntry> MailLog => Set<MailLogEntry>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<SecurityLevel> SecurityLevels => Set<SecurityLevel>();
    public DbSet<ApiGroup> ApiGroups => Set<ApiGroup>();
    public DbSet<ApiGroupApi> ApiGroupApis => Set<ApiGroupApi>();
    public DbSet<ApiScope> ApiScopes => Set<ApiScope>();
    public DbSet<ApiScopeGroup> ApiScopeGroups => Set<ApiScopeGroup>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<ClientIpBinding> ClientIpBindings => Set<ClientIpBinding>();
    public DbSet<ClientGroup> ClientGroups => Set<ClientGroup>();
    public DbSet<ClientScope> ClientScopes => Set<ClientScope>();
    public DbSet<ApiUser> ApiUsers => Set<ApiUser>();
    public DbSet<ApiUserClient> ApiUserClients => Set<ApiUserClient>();
    public DbSet<ClientXApiKey> ClientXApiKeys => Set<ClientXApiKey>();
    public DbSet<ClientXApiKeyGroup> ClientXApiKeyGroups => Set<ClientXApiKeyGroup>();
    public DbSet<Credentials.SignedKeys.SignedApiKey> SignedApiKeys => Set<Credentials.SignedKeys.SignedApiKey>();
    public DbSet<Credentials.SignedKeys.SignedApiKeyApi> SignedApiKeyApis => Set<Credentials.SignedKeys.SignedApiKeyApi>();
    public DbSet<Credentials.Plugins.KeyAuthCredential> KeyAuthCredentials => Set<Credentials.Plugins.KeyAuthCredential>();
    public DbSet<Credentials.Plugins.JwtCredential> JwtCredentials => Set<Credentials.Plugins.JwtCredential>();
    public DbSet<Credentials.OAuth.OAuthToken> OAuthTokens => Set<Credentials.OAuth.OAuthToken>();
    public DbSet<Credentials.OAuth.OAuthSigningKey> OAuthSigningKeys => Set<Credentials.OAuth.OAuthSigningKey>();
    public DbSet<Credentials.OAuth.OAuthEncryptionKey> OAuthEncryptionKeys => Set<Credentials.OAuth.OAuthEncryptionKey>();
    public DbSet<Plugins.PluginInstance> Plugins => Set<Plugins.PluginInstance>();
    public DbSet<Traffic.ClientQuotaUsage> ClientQuotaUsages => Set<Traffic.ClientQuotaUsage>();
    public DbSet<CallLog.CallLogEntry> CallLog => Set<CallLog.CallLogEntry>();
    public DbSet<Upstreams.Upstream> Upstreams => Set<Upstreams.Upstream>();
    public DbSet<Upstreams.UpstreamTarget> UpstreamTargets => Set<Upstreams.UpstreamTarget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly, t => t.Namespace == typeof(GatewayDbContext).Namespace + ".EntityConfigurations");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
