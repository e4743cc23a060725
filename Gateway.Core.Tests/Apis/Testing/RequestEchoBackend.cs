using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Tests.Apis.Testing;

/// <summary>
/// A real Kestrel backend on a free loopback port answering with JSON of what arrived, body included, and an
/// <c>X-Echo-Method</c> response header. <c>?size=N</c> answers N bytes of plain text instead.
/// </summary>
internal sealed class RequestEchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RequestEchoBackend(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    public static async Task<RequestEchoBackend> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RequestEchoBackend(app) { Port = new Uri(address).Port };
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

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
