namespace ApiManager.Gateway.Plugins;

/// <summary>An installed plugin type, for pickers and the admin API.</summary>
/// <param name="Type">The type.</param>
/// <param name="AllowedScopes">Where it may be configured.</param>
/// <param name="DefaultConfiguration">The configuration JSON object with every field at its default (without the secret).</param>
/// <param name="SecretField">The configuration field kept encrypted, or null.</param>
internal sealed record PluginTypeInfo(PluginType Type, IReadOnlyList<PluginScope> AllowedScopes, string DefaultConfiguration, string? SecretField)
{
    /// <summary>The type's name, e.g. <c>ip-restriction</c>.</summary>
    public string Name => PluginTypes.Name(Type);

    public bool Allows(PluginScope scope) => AllowedScopes.Contains(scope);
}
