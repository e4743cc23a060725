using System.Collections.Frozen;
using System.Text.Json;
using ApiManager.Gateway.Credentials;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>
/// The registered plugin definitions by type. Compiles stored instances (parsing the configuration and decrypting the
/// secret) for the snapshot builder and validates new ones for the plugin service.
/// </summary>
internal sealed class PluginRegistry
{
    private readonly FrozenDictionary<PluginType, IPluginDefinition> _definitions;
    private readonly SecretProtector? _secrets;

    public PluginRegistry(IEnumerable<IPluginDefinition> definitions, SecretProtector? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        // The last registration of a type wins, as with any DI service (tests replace a real definition with a fake).
        _definitions = definitions.GroupBy(d => d.Type).ToFrozenDictionary(g => g.Key, g => g.Last());
        _secrets = secrets;
    }

    /// <summary>The registered definitions.</summary>
    public IEnumerable<IPluginDefinition> Definitions => _definitions.Values;

    public bool TryGet(PluginType type, out IPluginDefinition definition) => _definitions.TryGetValue(type, out definition!);

    /// <summary>Compiles a stored instance; a missing definition or an unreadable configuration is a failure, not an exception.</summary>
    public PluginCompilation Compile(PluginInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_definitions.TryGetValue(instance.Type, out var definition))
        {
            return Failure("type", $"No plugin of type '{PluginTypes.Name(instance.Type)}' is installed.");
        }

        JsonElement configuration;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(instance.Configuration) ? "{}" : instance.Configuration);
            configuration = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Failure("config", "The configuration is not valid JSON: " + ex.Message);
        }

        string? secret = null;
        if (instance.ProtectedSecret is { } protectedSecret)
        {
            if (_secrets is null)
            {
                return Failure("config", "The plugin's secret cannot be decrypted here.");
            }

            secret = _secrets.Unprotect(protectedSecret);
        }

        return definition.Compile(new PluginSettings(instance.Id, instance.Scope, instance.ScopeId, configuration, secret));
    }

    private static PluginCompilation Failure(string field, string message) =>
        PluginCompilation.Failure(new Dictionary<string, string[]> { [field] = [message] });
}
