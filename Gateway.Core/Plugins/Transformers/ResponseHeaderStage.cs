using ApiManager.Gateway.Plugins.Cors;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// The response-header work of the cors and response-transformer plugins for one request, done by one
/// <c>Response.OnStarting</c> callback just before the headers go out, so it covers the backend's answer and every
/// answer the gateway writes itself afterwards (401, 403, 429, 502 …). Kong's order holds: cors sets its headers first,
/// then the response-transformer sees and may change them. Created on first use and kept as a request feature.
/// </summary>
internal sealed class ResponseHeaderStage
{
    private static readonly Func<object, Task> OnStarting = static state =>
    {
        ((ResponseHeaderStage)state).Apply();
        return Task.CompletedTask;
    };

    private readonly HttpResponse _response;
    private CorsPlugin? _cors;
    private string? _origin;
    private ResponseTransformerPlugin? _transformer;

    private ResponseHeaderStage(HttpResponse response) => _response = response;

    /// <summary>The request's stage, registering its callback the first time.</summary>
    public static ResponseHeaderStage Of(HttpContext context)
    {
        var stage = context.Features.Get<ResponseHeaderStage>();
        if (stage is null)
        {
            stage = new ResponseHeaderStage(context.Response);
            context.Features.Set(stage);
            context.Response.OnStarting(OnStarting, stage);
        }

        return stage;
    }

    /// <summary>cors answers the request's <paramref name="origin"/> (null: the origin is not allowed).</summary>
    public void UseCors(CorsPlugin cors, string? origin)
    {
        _cors = cors;
        _origin = origin;
    }

    /// <summary>Sets the response-transformer to apply; a narrower-scoped one registered later replaces a wider one.</summary>
    public void UseTransformer(ResponseTransformerPlugin transformer) => _transformer = transformer;

    /// <summary>Applies cors, then the response-transformer (also called directly by tests).</summary>
    internal void Apply()
    {
        var headers = _response.Headers;
        _cors?.ApplyResponseHeaders(headers, _origin);
        _transformer?.Headers.Apply(headers);
    }
}
