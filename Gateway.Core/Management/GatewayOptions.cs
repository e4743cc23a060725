namespace ApiManager.Gateway.Management;

/// <summary>Section <c>Gateway</c>: the gateway listener and runtime knobs.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Where the gateway listens (proxied APIs, OAuth endpoints).</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    /// <summary>How long config changes are collected before one snapshot rebuild, in milliseconds.</summary>
    public int RebuildDebounceMs { get; set; } = 200;

    /// <summary>How often the config version is polled to notice writes made by another process or node, in milliseconds.</summary>
    public int ConfigPollIntervalMs { get; set; } = 5000;

    /// <summary>Networks internal-only clients must call from when <see cref="InternalNetworks"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultInternalNetworks = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>
    /// Proxies (IPs or CIDRs) whose <c>X-Forwarded-For</c> is believed: the caller is the right-most address not in this
    /// list. Empty (default): the TCP peer is the caller and <c>X-Forwarded-For</c> is ignored.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// CIDRs counted as internal for clients whose audience is internal only; unset = loopback, RFC 1918 and fc00::/7
    /// (<see cref="DefaultInternalNetworks"/>).
    /// </summary>
    public string[]? InternalNetworks { get; set; }
}
