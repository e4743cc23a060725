using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// First gateway middleware: console requests pass straight through (one feature lookup); gateway requests get their
/// request id, which is echoed in <c>X-Request-Id</c>, forwarded to the backend and used in every problem body, and
/// their <see cref="CallFacts"/>, which the later stages fill in. Once the rest of the pipeline is done, the request
/// is handed to the call log (<see cref="CallLogRecorder"/>: a non-blocking queue write).
/// </summary>
internal sealed class GatewayRequestMiddleware
{
    private readonly RequestDelegate _next;
    private readonly CallLogRecorder _callLog;

    public GatewayRequestMiddleware(RequestDelegate next, CallLogRecorder callLog)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(callLog);
        _next = next;
        _callLog = callLog;
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
        var facts = new CallFacts();
        context.Features.Set(facts);
        context.Response.Headers[RequestIds.HeaderName] = id;
        return _callLog.Enabled ? InvokeAndRecordAsync(context, facts) : _next(context);
    }

    private async Task InvokeAndRecordAsync(HttpContext context, CallFacts facts)
    {
        // Read before the pipeline runs: plugins may rewrite the request on its way to the backend.
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value;
        var query = request.QueryString.Value;
        try
        {
            await _next(context);
        }
        catch
        {
            _callLog.Record(context, facts, method, path, query, failed: true);
            throw;
        }

        _callLog.Record(context, facts, method, path, query, failed: false);
    }
}
