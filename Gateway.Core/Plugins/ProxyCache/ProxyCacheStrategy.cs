namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>How long a proxy-cache plugin keeps responses.</summary>
internal enum ProxyCacheStrategy
{
    /// <summary>Nothing is cached; every response says <c>X-Cache-Status: Bypass</c>.</summary>
    None = 0,

    /// <summary>Every cacheable response is kept for <c>ttl</c> seconds, whatever the backend's <c>Cache-Control</c>.</summary>
    Fixed = 1,

    /// <summary>
    /// The backend's <c>Cache-Control</c> decides: <c>no-store</c>, <c>no-cache</c> or <c>private</c> are not cached,
    /// <c>s-maxage</c> (else <c>max-age</c>) is the lifetime, and without either the <c>ttl</c> applies. A request's own
    /// <c>Cache-Control: no-cache</c> also bypasses the cache.
    /// </summary>
    Adaptive = 2,
}
