using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// First gateway middleware: console requests pass straight through (one feature lookup); gateway requests get their
/// request id, which is echoed in <c>X-Request-Id</c>, forwarded to the backend and used in every problem body, and
/// their <see cref="CallFacts"/>, which the later stages fill in.
/// </summary>
internal sealed class GatewayRequestMiddleware
{
    private readonly RequestDelegate _next;

    public GatewayRequestMiddleware(RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IListenerFeature>() is not { Listener: ListenerKind.Gateway })
        {
            return _next(context);
        }

        var requestHeaders = context.Request.Headers;
        var incoming = requestHeaders[RequestIds.HeaderName];
        string id;
        if (incoming.Count == 1 && RequestIds.IsWellFormed(incoming[0]))
        {
            id = incoming[0]!;
        }
        else
        {
            id = RequestIds.Create();
            requestHeaders[RequestIds.HeaderName] = id;
        }

        context.TraceIdentifier = id;
        context.Features.Set(new CallFacts());
        context.Response.Headers[RequestIds.HeaderName] = id;
        return _next(context);
    }
}
