using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Apis.Testing;

/// <summary>
/// A real Kestrel backend on a free loopback port answering with JSON of what arrived, body included, and an
/// <c>X-Echo-Method</c> response header. <c>?size=N</c> answers N bytes of plain text instead.
/// </summary>
internal sealed class RequestEchoBackend : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private RequestEchoBackend(LoopbackServer server)
    {
        _server = server;
    }

    public int Port => _server.Port;

    public static async Task<RequestEchoBackend> StartAsync(CancellationToken cancellationToken) =>
        new(await LoopbackServer.StartAsync(HandleAsync, cancellationToken));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers["X-Echo-Method"] = request.Method;
        if (int.TryParse(request.Query["size"], out var size))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(new string('x', size), context.RequestAborted);
            return;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        await context.Response.WriteAsJsonAsync(new { method = request.Method, path = request.Path.Value, query = request.QueryString.Value, body, contentType = request.ContentType, headers }, context.RequestAborted);
    }
}
