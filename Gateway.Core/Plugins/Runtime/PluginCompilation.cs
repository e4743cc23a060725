namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>The result of compiling a plugin: the plugin, or the field errors that stop it.</summary>
internal sealed class PluginCompilation
{
    private PluginCompilation(GatewayPlugin? plugin, IReadOnlyDictionary<string, string[]> errors)
    {
        Plugin = plugin;
        Errors = errors;
    }

    public GatewayPlugin? Plugin { get; }

    /// <summary>Field path → messages; empty on success.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Plugin is not null;

    public static PluginCompilation Success(GatewayPlugin plugin) =>
        new(plugin ?? throw new ArgumentNullException(nameof(plugin)), new Dictionary<string, string[]>());

    public static PluginCompilation Failure(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed compilation needs at least one error.", nameof(errors));
        }

        return new(null, errors);
    }
}
