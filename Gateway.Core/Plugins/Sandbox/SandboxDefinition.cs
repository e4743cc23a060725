using System.Text;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Plugins.Sandbox;

/// <summary>
/// Sandbox testing: an API's (or a backend's) stored mock response — <c>status</c>, <c>headers</c>, <c>body</c>,
/// <c>content_type</c> — answered instead of the backend when an authenticated caller sends <c>X-Mock-Test: true</c>.
/// </summary>
internal sealed class SandboxDefinition : IPluginDefinition
{
    public const string Status = "status";
    public const string Headers = "headers";
    public const string Body = "body";
    public const string ContentType = "content_type";

    /// <summary>Headers a mock may not set: the gateway frames the body itself, and the content type has its own field.</summary>
    private static readonly string[] ReservedHeaders =
        ["Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "Content-Type", SandboxPlugin.MockHeader];

    private static readonly string[] Fields = [Status, Headers, Body, ContentType];

    public PluginType Type => PluginType.Sandbox;

    public PluginScope AllowedScopes => PluginScope.Api | PluginScope.Backend;

    public string DefaultConfiguration => """{"status":200,"headers":{},"body":"","content_type":"application/json"}""";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new PluginConfigReader(settings.Configuration, Fields);

        // 1xx are interim answers: a mock must be a final response.
        var status = reader.Integer(Status, 200, 200, 599);
        var body = reader.Text(Body, trim: false) ?? "";
        if (body.Length > 0 && status is 204 or 304)
        {
            reader.Add(PluginConfigReader.Key(Body), $"A {status} response has no body; leave body empty.");
        }

        var contentType = reader.Text(ContentType);
        if (contentType is not null && !MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            reader.Add(PluginConfigReader.Key(ContentType), "Must be a media type such as application/json or text/plain; charset=utf-8.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in reader.TextMap(Headers))
        {
            var key = $"{PluginConfigReader.Key(Headers)}.{name}";
            if (!HttpSyntax.IsToken(name))
            {
                reader.Add(key, "Must be a header name (letters, digits and !#$%&'*+-.^_`|~).");
            }
            else if (Array.Exists(ReservedHeaders, r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)))
            {
                reader.Add(key, $"The gateway sets {name} itself" + (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) ? "; use content_type." : "."));
            }
            else if (value.Contains('\r') || value.Contains('\n'))
            {
                reader.Add(key, "Must not contain line breaks.");
            }
            else if (headers.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                reader.Add(key, "Is set twice (header names are case-insensitive).");
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        if (reader.HasErrors)
        {
            return reader.Failure();
        }

        return PluginCompilation.Success(new SandboxPlugin(settings.InstanceId, status, [.. headers], contentType, Encoding.UTF8.GetBytes(body)));
    }
}
