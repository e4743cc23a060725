using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Tests.Plugins;

namespace ApiManager.Gateway.Tests.Plugins.Service;

/// <summary>
/// A definition with a secret field for plugin service tests, posing as upstream-basic-auth (API and backend scope
/// only): requires a non-empty <c>username</c> and a secret <c>password</c>; remembers the last secret it compiled with.
/// </summary>
internal sealed class SecretPluginDefinition : IPluginDefinition
{
    public PluginType Type => PluginType.UpstreamBasicAuth;

    public PluginScope AllowedScopes => PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration => """{"username":"","password":"","realm":"backend"}""";

    public string? SecretField => "password";

    public string? LastSecret { get; private set; }

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string[]>();
        if (!settings.Configuration.TryGetProperty("username", out var username) || username.ValueKind != JsonValueKind.String || username.GetString()!.Length == 0)
        {
            errors["config.username"] = ["Username is required."];
        }

        if (settings.Configuration.TryGetProperty("password", out _))
        {
            errors["config.password"] = ["The service must not pass the secret inside the configuration."];
        }

        if (string.IsNullOrEmpty(settings.Secret))
        {
            errors["config.password"] = ["Password is required."];
        }

        if (errors.Count > 0)
        {
            return PluginCompilation.Failure(errors);
        }

        LastSecret = settings.Secret;
        return new FakePluginDefinition(Type).Compile(settings);
    }
}
