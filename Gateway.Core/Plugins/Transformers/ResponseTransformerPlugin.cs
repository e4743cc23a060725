using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// A compiled response-transformer: its header rules run just before the response headers go out
/// (<see cref="ResponseHeaderStage"/>), on the backend's answer and on errors the gateway answers itself. A global,
/// backend or API one registers before authentication so it also shapes 401/403/429 answers; a client-scoped one can
/// only register once the caller is known, and replaces the wider one for that client's calls.
/// </summary>
internal sealed class ResponseTransformerPlugin(int instanceId, PluginScope scope, HeaderOperations headers)
    : GatewayPlugin(PluginType.ResponseTransformer, instanceId)
{
    public HeaderOperations Headers { get; } = headers;

    public override bool RunsBeforeAuthentication => scope != PluginScope.Client;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Headers.IsEmpty)
        {
            ResponseHeaderStage.Of(context).UseTransformer(this);
        }
        else if (context.Features.Get<ResponseHeaderStage>() is { } stage)
        {
            // An empty client-scoped transformer still replaces the API's for that client.
            stage.UseTransformer(this);
        }

        return new(PluginVerdict.Continue);
    }
}
