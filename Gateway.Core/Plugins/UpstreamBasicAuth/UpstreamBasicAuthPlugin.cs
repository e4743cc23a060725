using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.UpstreamBasicAuth;

/// <summary>
/// A compiled upstream-basic-auth plugin: sets <c>Authorization: Basic …</c> (computed once) on the request to the
/// backend, replacing any <c>Authorization</c> the caller's request still carries.
/// </summary>
internal sealed class UpstreamBasicAuthPlugin(int instanceId, StringValues authorization)
    : GatewayPlugin(PluginType.UpstreamBasicAuth, instanceId)
{
    /// <summary>The header value, <c>Basic base64(username:password)</c>.</summary>
    internal StringValues Authorization { get; } = authorization;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Request.Headers.Authorization = Authorization;
        return new(PluginVerdict.Continue);
    }
}
