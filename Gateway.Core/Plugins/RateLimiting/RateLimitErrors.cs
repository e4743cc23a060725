using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>Answers of the rate-limiting plugin.</summary>
internal static class RateLimitErrors
{
    /// <summary>Kong's 429 "API rate limit exceeded".</summary>
    public static readonly GatewayError Exceeded = new(429, "rate_limit_exceeded", "Too Many Requests", "API rate limit exceeded");

    /// <summary>The counter store failed and the plugin is not fault tolerant.</summary>
    public static readonly GatewayError StoreFailed = new(500, "rate_limit_store_failed", "Internal Server Error",
        "The rate-limit counters could not be read; the plugin is not fault tolerant, so the call is refused.");
}
