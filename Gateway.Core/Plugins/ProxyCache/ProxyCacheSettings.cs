using System.Collections.Frozen;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>A proxy-cache plugin's validated configuration, normalised for the request path.</summary>
internal sealed record ProxyCacheSettings
{
    public required ProxyCacheStrategy Strategy { get; init; }

    /// <summary>Lifetime in seconds (fixed; adaptive when the backend gives none).</summary>
    public required int TtlSeconds { get; init; }

    /// <summary>Cacheable request methods, upper case.</summary>
    public required FrozenSet<string> Methods { get; init; }

    /// <summary>Cacheable response status codes (2xx/3xx only).</summary>
    public required FrozenSet<int> StatusCodes { get; init; }

    /// <summary>Cacheable response media types, lower case: <c>type/subtype</c>, <c>type/*</c> or <c>*/*</c>.</summary>
    public required string[] ContentTypes { get; init; }

    /// <summary>Request headers that are part of the key, lower case and sorted.</summary>
    public required string[] VaryHeaders { get; init; }

    /// <summary>Query parameters that are part of the key, sorted; null means all of them.</summary>
    public string[]? VaryQueryParams { get; init; }

    /// <summary>POST requests are cacheable, keyed with a hash of their body.</summary>
    public required bool CachePostBody { get; init; }

    /// <summary>Largest response body stored (and POST body hashed), in bytes.</summary>
    public required int MaxBodyBytes { get; init; }
}
