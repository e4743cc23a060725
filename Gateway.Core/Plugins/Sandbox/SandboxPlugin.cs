using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.Sandbox;

/// <summary>
/// A compiled sandbox plugin: when the request carries <c>X-Mock-Test: true</c>, writes the stored mock response
/// (status, headers, content type, body; <c>X-Mock-Test: true</c> echoed) and the backend is never called. It runs after
/// authentication and after ip-restriction and rate-limiting, so a mock call is authenticated and counted like a real one.
/// </summary>
internal sealed class SandboxPlugin : GatewayPlugin
{
    public const string MockHeader = "X-Mock-Test";

    private static readonly StringValues True = "true";

    private readonly int _status;
    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly string? _contentType;
    private readonly byte[] _body;

    public SandboxPlugin(int instanceId, int status, KeyValuePair<string, string>[] headers, string? contentType, byte[] body)
        : base(PluginType.Sandbox, instanceId)
    {
        _status = status;
        _headers = [.. headers.Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value))];
        _contentType = contentType;
        _body = body;
    }

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        if (!IsMockRequest(context.Request))
        {
            return new(PluginVerdict.Continue);
        }

        var response = context.Response;
        response.StatusCode = _status;
        var headers = response.Headers;
        foreach (var (name, value) in _headers)
        {
            headers[name] = value;
        }

        headers[MockHeader] = True;
        if (_contentType is not null && _body.Length > 0)
        {
            response.ContentType = _contentType;
        }

        return PluginAnswer.WriteAsync(context, _body, headersOnly: HttpMethods.IsHead(context.Request.Method));
    }

    private static bool IsMockRequest(HttpRequest request) =>
        request.Headers.TryGetValue(MockHeader, out var value) && value.Count == 1 && string.Equals(value[0]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
