using System.Globalization;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>The per-API "purge cache" action (admin API and console): drops the API's cached responses on this node and audits it.</summary>
internal sealed class ProxyCachePurgeService(IProxyCacheStore store, ApiService apis, AuditRecorder audit)
{
    /// <summary>Removes every cached response of API <paramref name="apiId"/> and returns how many; unknown APIs throw <see cref="EntityNotFoundException"/>.</summary>
    public async Task<int> PurgeAsync(int apiId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = apiId.ToString(CultureInfo.InvariantCulture);
        _ = await apis.FindAsync(apiId, cancellationToken) ?? throw new EntityNotFoundException(ApiService.EntityName, id);
        var purged = store.PurgeApi(apiId);
        await audit.RecordAsync(actor, new AuditChange(ApiService.EntityName, id, "CachePurged", null, new { Purged = purged }), cancellationToken);
        return purged;
    }
}
