using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Tests.Apis.OpenApi;

/// <summary>
/// A loopback Kestrel server for URL imports: <c>/spec.json</c> answers <see cref="OpenApiSamples.Json30"/>,
/// <c>/big</c> 64 KB, <c>/slow</c> answers after 5 s, anything else 404.
/// </summary>
internal sealed class OpenApiSpecServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenApiSpecServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<OpenApiSpecServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/spec.json", () => Results.Text(OpenApiSamples.Json30, "application/json"));
        app.MapGet("/big", () => Results.Text(new string('x', 64 * 1024), "text/plain"));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            return Results.Text(OpenApiSamples.Json30, "application/json");
        });
        await app.StartAsync(cancellationToken);
        return new OpenApiSpecServer(app, new Uri(app.Urls.First()));
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
