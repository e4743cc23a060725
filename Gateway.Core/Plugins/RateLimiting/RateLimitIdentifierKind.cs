namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>What a rate-limit counter's identifier is (part of the counter key, so a client id never collides with an IP).</summary>
internal enum RateLimitIdentifierKind : byte
{
    /// <summary>The API client (Kong's consumer): its Client ID.</summary>
    Consumer = 0,

    /// <summary>The credential's identifier (key id, token subject …).</summary>
    Credential = 1,

    /// <summary>The caller's IP address.</summary>
    Ip = 2,

    /// <summary>The value of the configured request header.</summary>
    Header = 3,

    /// <summary>The configured path.</summary>
    Path = 4,
}
