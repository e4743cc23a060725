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
}
