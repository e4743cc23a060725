namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>Where proxy-cache responses live (this node's memory today; a shared cache could implement the same contract).</summary>
internal interface IProxyCacheStore
{
    /// <summary>The fresh entry for <paramref name="key"/>, or null (an expired one is dropped).</summary>
    ProxyCacheEntry? Get(in ProxyCacheKey key);

    /// <summary>Stores (or replaces) the entry for <paramref name="key"/>, evicting others if the size cap is exceeded.</summary>
    void Set(in ProxyCacheKey key, ProxyCacheEntry entry);

    /// <summary>Removes every entry of API <paramref name="apiId"/>; returns how many were removed.</summary>
    int PurgeApi(int apiId);
}
