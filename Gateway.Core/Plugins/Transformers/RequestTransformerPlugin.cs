using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// A compiled request-transformer: changes the request's headers and query string before it is forwarded (after
/// authentication, so it sees — and, as in Kong, may change — the gateway's <c>X-Consumer-*</c> headers).
/// </summary>
internal sealed class RequestTransformerPlugin(int instanceId, HeaderOperations headers, QueryOperations query)
    : GatewayPlugin(PluginType.RequestTransformer, instanceId)
{
    public HeaderOperations Headers { get; } = headers;

    public QueryOperations Query { get; } = query;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context.Request);
        return new(PluginVerdict.Continue);
    }

    /// <summary>Applies the header rules, then the query rules.</summary>
    internal void Apply(HttpRequest request)
    {
        if (!Headers.IsEmpty)
        {
            Headers.Apply(request.Headers);
        }

        if (!Query.IsEmpty)
        {
            Query.Apply(request);
        }
    }
}
