using System.Collections.Frozen;
using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>
/// The effective plugins of one API, compiled once per snapshot: per type the narrowest enabled instance of API,
/// backend and global scope, and per client that has client-scoped plugins the same list with those replacing the
/// API's of their type. Each list is in run order (<see cref="GatewayPlugin.Priority"/>, higher first).
/// </summary>
internal sealed class PluginChain
{
    private readonly FrozenDictionary<int, GatewayPlugin[]> _byClient;

    private PluginChain(GatewayPlugin[] beforeAuthentication, GatewayPlugin[] afterAuthentication, FrozenDictionary<int, GatewayPlugin[]> byClient)
    {
        BeforeAuthentication = beforeAuthentication;
        AfterAuthentication = afterAuthentication;
        _byClient = byClient;
        IsEmpty = beforeAuthentication.Length == 0 && afterAuthentication.Length == 0 && byClient.Count == 0;
    }

    /// <summary>No plugin applies.</summary>
    public static PluginChain Empty { get; } = new([], [], FrozenDictionary<int, GatewayPlugin[]>.Empty);

    public bool IsEmpty { get; }

    /// <summary>Plugins that run before authentication (cors), in run order.</summary>
    public GatewayPlugin[] BeforeAuthentication { get; }

    /// <summary>Plugins that run after authentication for callers without client-scoped plugins (and public APIs).</summary>
    public GatewayPlugin[] AfterAuthentication { get; }

    /// <summary>The after-authentication plugins for <paramref name="client"/> (null: the public or unidentified caller).</summary>
    public GatewayPlugin[] After(ClientEntry? client) =>
        client is not null && _byClient.Count > 0 && _byClient.TryGetValue(client.Id, out var plugins) ? plugins : AfterAuthentication;

    /// <summary>
    /// Builds the chain from <paramref name="routePlugins"/> (at most one per type: the caller resolved API over backend
    /// over global) and <paramref name="clientPlugins"/> (client id → that client's plugins, at most one per type).
    /// </summary>
    public static PluginChain Create(IEnumerable<GatewayPlugin> routePlugins, IReadOnlyDictionary<int, IReadOnlyList<GatewayPlugin>>? clientPlugins = null)
    {
        ArgumentNullException.ThrowIfNull(routePlugins);
        var route = routePlugins.ToList();
        var before = Ordered(route.Where(p => p.RunsBeforeAuthentication));
        var after = Ordered(route.Where(p => !p.RunsBeforeAuthentication));
        var byClient = new Dictionary<int, GatewayPlugin[]>();
        if (clientPlugins is not null)
        {
            foreach (var (clientId, plugins) in clientPlugins)
            {
                var overridden = plugins.Where(p => !p.RunsBeforeAuthentication).ToList();
                if (overridden.Count == 0)
                {
                    continue;
                }

                var types = overridden.Select(p => p.Type).ToHashSet();
                byClient[clientId] = Ordered(after.Where(p => !types.Contains(p.Type)).Concat(overridden));
            }
        }

        if (before.Length == 0 && after.Length == 0 && byClient.Count == 0)
        {
            return Empty;
        }

        return new PluginChain(before, after, byClient.ToFrozenDictionary());
    }

    private static GatewayPlugin[] Ordered(IEnumerable<GatewayPlugin> plugins) =>
        [.. plugins.OrderByDescending(p => p.Priority).ThenBy(p => p.Type)];
}
