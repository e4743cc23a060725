namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>Whom a rate-limiting plugin counts (Kong's <c>limit_by</c>).</summary>
internal enum RateLimitLimitBy
{
    /// <summary>The API client; without one the credential, then the caller's IP.</summary>
    Consumer = 0,

    /// <summary>The credential's identifier; without one the caller's IP.</summary>
    Credential = 1,

    /// <summary>The caller's IP.</summary>
    Ip = 2,

    /// <summary>The value of <c>header_name</c>; without the header the caller's IP.</summary>
    Header = 3,

    /// <summary>All calls on <c>path</c> together; calls on other paths are not limited.</summary>
    Path = 4,
}
