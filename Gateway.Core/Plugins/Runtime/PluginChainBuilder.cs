using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>
/// Compiles every stored plugin once per snapshot and gives each API its <see cref="PluginChain"/>: per type the
/// narrowest of API, backend and global scope, plus each client's client-scoped plugins.
/// </summary>
internal sealed class PluginChainBuilder
{
    private readonly List<GatewayPlugin> _global = [];
    private readonly Dictionary<int, List<GatewayPlugin>> _byBackend = [];
    private readonly Dictionary<int, List<GatewayPlugin>> _byApi = [];
    private readonly Dictionary<int, IReadOnlyList<GatewayPlugin>> _byClient = [];

    /// <summary>Compiles <paramref name="instances"/> (enabled ones); each failure is added to <paramref name="problems"/>.</summary>
    public PluginChainBuilder(IReadOnlyList<PluginInstance>? instances, PluginRegistry? registry, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (instances is null || instances.Count == 0)
        {
            return;
        }

        var byClient = new Dictionary<int, List<GatewayPlugin>>();
        foreach (var instance in instances.Where(i => i.Enabled).OrderBy(i => i.Id))
        {
            var label = $"Plugin {PluginTypes.Name(instance.Type)} (id {instance.Id})";
            if (registry is null)
            {
                problems.Add($"{label}: no plugin registry is configured.");
                continue;
            }

            var compilation = registry.Compile(instance);
            if (compilation.Plugin is not { } plugin)
            {
                problems.Add($"{label}: " + string.Join("; ", compilation.Errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
                continue;
            }

            switch (instance.Scope)
            {
                case PluginScope.Global:
                    _global.Add(plugin);
                    break;
                case PluginScope.Backend when instance.BackendId is { } backendId:
                    Add(_byBackend, backendId, plugin);
                    break;
                case PluginScope.Api when instance.ApiId is { } apiId:
                    Add(_byApi, apiId, plugin);
                    break;
                case PluginScope.Client when instance.ClientId is { } clientId:
                    Add(byClient, clientId, plugin);
                    break;
                default:
                    problems.Add($"{label}: scope '{instance.Scope}' has no target.");
                    break;
            }
        }

        foreach (var (clientId, plugins) in byClient)
        {
            _byClient[clientId] = plugins;
        }
    }

    /// <summary>The chain of <paramref name="api"/>.</summary>
    public PluginChain For(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (_global.Count == 0 && _byBackend.Count == 0 && _byApi.Count == 0 && _byClient.Count == 0)
        {
            return PluginChain.Empty;
        }

        var effective = new Dictionary<PluginType, GatewayPlugin>();
        foreach (var plugin in _global)
        {
            effective[plugin.Type] = plugin;
        }

        if (_byBackend.TryGetValue(api.BackendId, out var backendPlugins))
        {
            foreach (var plugin in backendPlugins)
            {
                effective[plugin.Type] = plugin;
            }
        }

        if (_byApi.TryGetValue(api.Id, out var apiPlugins))
        {
            foreach (var plugin in apiPlugins)
            {
                effective[plugin.Type] = plugin;
            }
        }

        return PluginChain.Create(effective.Values, _byClient);
    }

    private static void Add(Dictionary<int, List<GatewayPlugin>> map, int key, GatewayPlugin plugin)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(plugin);
    }
}
