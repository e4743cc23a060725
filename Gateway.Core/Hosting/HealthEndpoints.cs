using System.Text.Json;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Hosting;

/// <summary>Handlers of <c>/healthz</c> (alive) and <c>/readyz</c> (database and snapshot), served on both listeners.</summary>
internal static class HealthEndpoints
{
    private static readonly byte[] Healthy = """{"status":"Healthy"}"""u8.ToArray();

    public static Task Live(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = Healthy.Length;
        return response.Body.WriteAsync(Healthy, context.RequestAborted).AsTask();
    }

    public static async Task Ready(HttpContext context)
    {
        var probe = context.RequestServices.GetRequiredService<ReadinessProbe>();
        var reason = await probe.CheckAsync(context.RequestAborted);
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        if (reason is null)
        {
            response.ContentLength = Healthy.Length;
            await response.Body.WriteAsync(Healthy, context.RequestAborted);
            return;
        }

        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await JsonSerializer.SerializeAsync(response.Body, new Dictionary<string, string> { ["status"] = "Unhealthy", ["reason"] = reason }, cancellationToken: context.RequestAborted);
    }
}
