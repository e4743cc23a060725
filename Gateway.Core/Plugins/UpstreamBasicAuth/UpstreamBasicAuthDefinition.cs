using System.Text;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.UpstreamBasicAuth;

/// <summary>
/// upstream-basic-auth: <c>username</c> (required, no colon) and <c>password</c> (the secret: the plugin service keeps
/// it encrypted and hands it over as <see cref="PluginSettings.Secret"/>; while validating new input it may still be in
/// the configuration). Global, backend or API scope: the account belongs to the backend, not to whoever calls it.
/// </summary>
internal sealed class UpstreamBasicAuthDefinition : IPluginDefinition
{
    public const string UsernameField = "username";
    public const string PasswordField = "password";

    private static readonly string[] Fields = [UsernameField, PasswordField];

    public PluginType Type => PluginType.UpstreamBasicAuth;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration => """{"username":null,"password":null}""";

    public string? SecretField => PasswordField;

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = EdgeConfigReader.Root(settings.Configuration, Fields);
        var username = reader.Text(UsernameField);
        var inline = reader.Text(PasswordField);
        var password = string.IsNullOrEmpty(settings.Secret) ? inline : settings.Secret;
        if (string.IsNullOrEmpty(username))
        {
            reader.AddUnlessReported(reader.PathOf(UsernameField), "The username is required.");
        }
        else if (username.Contains(':', StringComparison.Ordinal))
        {
            reader.Add(reader.PathOf(UsernameField), "The username may not contain a colon (Basic authentication separates it from the password with one).");
        }
        else if (!Printable(username))
        {
            reader.Add(reader.PathOf(UsernameField), "The username may not contain control characters.");
        }

        if (string.IsNullOrEmpty(password))
        {
            reader.AddUnlessReported(reader.PathOf(PasswordField), "The password is required.");
        }
        else if (!Printable(password))
        {
            reader.Add(reader.PathOf(PasswordField), "The password may not contain control characters.");
        }

        if (reader.HasErrors)
        {
            return reader.Failure();
        }

        var value = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        return PluginCompilation.Success(new UpstreamBasicAuthPlugin(settings.InstanceId, value));
    }

    private static bool Printable(string text) => !text.Any(char.IsControl);
}
