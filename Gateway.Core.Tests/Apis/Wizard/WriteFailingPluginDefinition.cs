using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Plugins;

namespace ApiManager.Gateway.Tests.Apis.Wizard;

/// <summary>
/// A plugin type (as cors) that passes the wizard's check for a target about to be created (scope id 0) but refuses
/// every real target, so the plugin write fails after the backend and API were written.
/// </summary>
internal sealed class WriteFailingPluginDefinition : IPluginDefinition
{
    public PluginType Type => PluginType.Cors;

    public PluginScope AllowedScopes => PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration => "{}";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ScopeId is 0 or null
            ? PluginCompilation.Success(new FakePluginDefinition.FakePlugin(Type, settings.InstanceId, beforeAuthentication: false))
            : PluginCompilation.Failure(new Dictionary<string, string[]> { ["config"] = ["The target refused the plugin."] });
    }
}
