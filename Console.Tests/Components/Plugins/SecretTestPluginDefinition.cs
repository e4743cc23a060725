using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Admin.Tests.Components.Plugins;

/// <summary>
/// Poses as upstream-basic-auth for console tests of the secret field: <c>username</c> plus the secret <c>password</c>
/// (required); remembers the last secret it compiled with.
/// </summary>
internal sealed class SecretTestPluginDefinition : IPluginDefinition
{
    public PluginType Type => PluginType.UpstreamBasicAuth;

    public PluginScope AllowedScopes => PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration => """{"username":"","password":""}""";

    public string? SecretField => "password";

    public string? LastSecret { get; private set; }

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrEmpty(settings.Secret))
        {
            return PluginCompilation.Failure(new Dictionary<string, string[]> { ["config.password"] = ["Password is required."] });
        }

        LastSecret = settings.Secret;
        return PluginCompilation.Success(new Plugin(settings.InstanceId));
    }

    private sealed class Plugin(int instanceId) : GatewayPlugin(PluginType.UpstreamBasicAuth, instanceId);
}
