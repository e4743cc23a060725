using System.Collections.Frozen;

namespace ApiManager.Gateway.Plugins;

/// <summary>Lower-case names of <see cref="PluginScope"/> values: <c>global</c>, <c>backend</c>, <c>api</c>, <c>client</c>.</summary>
internal static class PluginScopeNames
{
    /// <summary>Each single scope, widest first.</summary>
    public static IReadOnlyList<PluginScope> All { get; } = [PluginScope.Global, PluginScope.Backend, PluginScope.Api, PluginScope.Client];

    private static readonly FrozenDictionary<string, PluginScope> ByName =
        All.ToFrozenDictionary(Name, s => s, StringComparer.OrdinalIgnoreCase);

    public static string Name(PluginScope scope) => scope switch
    {
        PluginScope.Global => "global",
        PluginScope.Backend => "backend",
        PluginScope.Api => "api",
        PluginScope.Client => "client",
        _ => scope.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses one scope name (case-insensitive).</summary>
    public static bool TryParse(string? name, out PluginScope scope) => ByName.TryGetValue(name?.Trim() ?? "", out scope);

    /// <summary>The single scopes in <paramref name="scopes"/>, widest first.</summary>
    public static IReadOnlyList<PluginScope> Split(PluginScope scopes) => [.. All.Where(s => scopes.HasFlag(s))];
}
