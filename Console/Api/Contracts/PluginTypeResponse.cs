using System.Text.Json;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An installed plugin type: where it may be set, its default configuration and its secret field (if any).</summary>
internal sealed record PluginTypeResponse(string Name, IReadOnlyList<string> AllowedScopes, JsonElement DefaultConfiguration, string? SecretField)
{
    public static PluginTypeResponse From(PluginTypeInfo t)
    {
        ArgumentNullException.ThrowIfNull(t);
        using var defaults = JsonDocument.Parse(t.DefaultConfiguration);
        return new(t.Name, [.. t.AllowedScopes.Select(PluginScopeNames.Name)], defaults.RootElement.Clone(), t.SecretField);
    }
}
