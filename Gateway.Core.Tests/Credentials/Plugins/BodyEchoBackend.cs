using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>A loopback backend answering every request with the request body it received (text/plain).</summary>
internal sealed class BodyEchoBackend : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private BodyEchoBackend(LoopbackServer server)
    {
        _server = server;
    }

    public int Port => _server.Port;

    public static async Task<BodyEchoBackend> StartAsync(CancellationToken cancellationToken) =>
        new(await LoopbackServer.StartAsync(
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync(body, context.RequestAborted);
            },
            cancellationToken));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
