using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Runtime;

/// <summary>Reads the catalog with one short-lived context, inside one read transaction so version and rows agree.</summary>
internal sealed class DbCatalogReader(IDbContextFactory<GatewayDbContext> contextFactory) : ICatalogReader
{
    public async Task<CatalogRows> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await ReadVersionAsync(db, cancellationToken);
        var backends = await db.Backends.AsNoTracking().OrderBy(b => b.Id).ToListAsync(cancellationToken);
        var apis = await db.Apis.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var clients = await db.ApiClients.AsNoTracking()
            .Include(c => c.IpBindings)
            .Include(c => c.Groups)
            .Include(c => c.Scopes)
            .Include(c => c.SecurityLevel)
            .AsSplitQuery()
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var groups = await db.ApiGroups.AsNoTracking().Include(g => g.Apis).Include(g => g.SecurityLevel).AsSplitQuery().OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var scopes = await db.ApiScopes.AsNoTracking().Include(s => s.Groups).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var xApiKeys = await db.ClientXApiKeys.AsNoTracking().Include(k => k.Groups).AsSplitQuery().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        var signedKeys = await db.SignedApiKeys.AsNoTracking().Include(k => k.Apis).AsSplitQuery().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        var pluginCredentials = await Credentials.Plugins.Runtime.PluginCredentialRows.ReadAsync(db, cancellationToken);
        var plugins = await db.Plugins.AsNoTracking().Where(p => p.Enabled).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var upstreams = await db.Upstreams.AsNoTracking().Include(u => u.Targets).AsSplitQuery().OrderBy(u => u.Id).ToListAsync(cancellationToken);
        var operations = await db.ApiOperations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var diversions = await db.ApiIpDiversions.AsNoTracking().OrderBy(d => d.ApiDefinitionId).ThenBy(d => d.Position).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CatalogRows(version, backends, apis, clients, groups, scopes, xApiKeys, signedKeys, pluginCredentials, plugins, upstreams, operations, diversions);
    }

    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ReadVersionAsync(db, cancellationToken);
    }

    private static async Task<long> ReadVersionAsync(GatewayDbContext db, CancellationToken cancellationToken) =>
        await db.ConfigVersions.AsNoTracking().Where(v => v.Id == ConfigVersion.SingletonId).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
}
