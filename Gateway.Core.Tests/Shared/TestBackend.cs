using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>
/// A real Kestrel backend on 127.0.0.1 and a free port. Every request is answered with a JSON echo of what arrived
/// (<see cref="EchoResponse"/>). Request headers steer it: <c>X-Test-Delay-Ms</c> waits before answering,
/// <c>X-Test-Status</c> sets the status, <c>X-Test-Echo-Request-Id</c> copies <c>X-Request-Id</c> into the response.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    public const string DelayHeader = "X-Test-Delay-Ms";
    public const string StatusHeader = "X-Test-Status";
    public const string EchoRequestIdHeader = "X-Test-Echo-Request-Id";

    private LoopbackServer? _server;
    private int _requests;

    private TestBackend(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public int Port { get; private set; }

    public int RequestCount => Volatile.Read(ref _requests);

    public static async Task<TestBackend> StartAsync(string name, CancellationToken cancellationToken)
    {
        var backend = new TestBackend(name);
        backend._server = await LoopbackServer.StartAsync(backend.HandleAsync, cancellationToken);
        backend.Port = backend._server.Port;
        return backend;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        if (int.TryParse(request.Headers[DelayHeader], out var delay))
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (int.TryParse(request.Headers[StatusHeader], out var status))
        {
            context.Response.StatusCode = status;
        }

        if (request.Headers.ContainsKey(EchoRequestIdHeader))
        {
            context.Response.Headers["X-Request-Id"] = request.Headers["X-Request-Id"];
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        await context.Response.WriteAsJsonAsync(new EchoResponse(Name, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers), context.RequestAborted);
    }
}

/// <summary>What <see cref="TestBackend"/> received.</summary>
internal sealed record EchoResponse(string Backend, string Method, string Path, string Query, Dictionary<string, string> Headers)
{
    public static async Task<EchoResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<EchoResponse>(cancellationToken) ?? throw new InvalidOperationException("Empty echo.");

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
