namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>
/// One plugin type: its allowed scopes, default configuration, validation and compilation. Registered as a DI singleton
/// (<c>services.AddSingleton&lt;IPluginDefinition, …&gt;()</c>); definitions may take runtime singletons (counter
/// store, cache store, secret protector) and hand them to the plugins they compile.
/// </summary>
internal interface IPluginDefinition
{
    PluginType Type { get; }

    /// <summary>The scopes the type may be configured at.</summary>
    PluginScope AllowedScopes { get; }

    /// <summary>The configuration JSON object with every field at its default, shown when an admin adds the plugin.</summary>
    string DefaultConfiguration { get; }

    /// <summary>
    /// The configuration field holding a secret (upstream-basic-auth's <c>password</c>), or null. The plugin service
    /// moves it out of the stored configuration into the encrypted column, never shows it back, and hands it to
    /// <see cref="Compile"/> as <see cref="PluginSettings.Secret"/>.
    /// </summary>
    string? SecretField => null;

    /// <summary>
    /// Validates <paramref name="settings"/> and compiles the plugin. On bad input returns every problem, keyed by the
    /// configuration field's camelCase path (e.g. <c>config.minute</c>, <c>config.allow[2]</c>) with readable messages.
    /// </summary>
    PluginCompilation Compile(PluginSettings settings);
}
