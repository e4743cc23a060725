namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>A cached response's key: the API it belongs to (for purging) and a 128-bit hash of the request's cache key.</summary>
internal readonly record struct ProxyCacheKey(int ApiId, UInt128 Hash);
