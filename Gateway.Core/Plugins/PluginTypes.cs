using System.Collections.Frozen;

namespace ApiManager.Gateway.Plugins;

/// <summary>Names (Kong's, e.g. <c>rate-limiting</c>) and run order of the plugin types.</summary>
internal static class PluginTypes
{
    private static readonly FrozenDictionary<PluginType, string> Names = new Dictionary<PluginType, string>
    {
        [PluginType.RateLimiting] = "rate-limiting",
        [PluginType.IpRestriction] = "ip-restriction",
        [PluginType.Cors] = "cors",
        [PluginType.RequestTransformer] = "request-transformer",
        [PluginType.ResponseTransformer] = "response-transformer",
        [PluginType.UpstreamBasicAuth] = "upstream-basic-auth",
        [PluginType.ProxyCache] = "proxy-cache",
        [PluginType.Sandbox] = "sandbox",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, PluginType> ByName =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Run order, higher first, as Kong's plugin priorities: cors 2000 (before authentication), ip-restriction 990,
    /// rate-limiting 910, sandbox 850 (a mock answer is counted by the limits but skips the transformers),
    /// request-transformer 801, response-transformer 800, upstream-basic-auth 790, proxy-cache 100 (last: it answers
    /// from the cache what the earlier plugins let through).
    /// </summary>
    private static readonly FrozenDictionary<PluginType, int> Priorities = new Dictionary<PluginType, int>
    {
        [PluginType.Cors] = 2000,
        [PluginType.IpRestriction] = 990,
        [PluginType.RateLimiting] = 910,
        [PluginType.Sandbox] = 850,
        [PluginType.RequestTransformer] = 801,
        [PluginType.ResponseTransformer] = 800,
        [PluginType.UpstreamBasicAuth] = 790,
        [PluginType.ProxyCache] = 100,
    }.ToFrozenDictionary();

    /// <summary>Every type, in run order.</summary>
    public static IReadOnlyList<PluginType> All { get; } = [.. Priorities.OrderByDescending(p => p.Value).Select(p => p.Key)];

    /// <summary>The type's name, e.g. <c>rate-limiting</c>.</summary>
    public static string Name(PluginType type) => Names.TryGetValue(type, out var name) ? name : type.ToString();

    /// <summary>Parses a name such as <c>rate-limiting</c> (case-insensitive).</summary>
    public static bool TryParse(string? name, out PluginType type) => ByName.TryGetValue(name?.Trim() ?? "", out type);

    /// <summary>Run priority, higher first.</summary>
    public static int Priority(PluginType type) => Priorities.TryGetValue(type, out var priority) ? priority : 0;
}
