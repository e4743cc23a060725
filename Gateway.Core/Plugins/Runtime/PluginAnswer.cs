using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>Writes a plugin's own answer body (a cached or mock response) in one copy into the response pipe.</summary>
internal static class PluginAnswer
{
    /// <summary>
    /// Sets <c>Content-Length</c> and writes <paramref name="body"/> unless <paramref name="headersOnly"/> (HEAD) or it is
    /// empty; completes synchronously when the flush does.
    /// </summary>
    public static ValueTask<PluginVerdict> WriteAsync(HttpContext context, byte[] body, bool headersOnly = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var response = context.Response;
        response.ContentLength = body.Length;
        if (body.Length == 0 || headersOnly)
        {
            return new(PluginVerdict.Answered);
        }

        var writer = response.BodyWriter;
        body.CopyTo(writer.GetSpan(body.Length));
        writer.Advance(body.Length);
        var flush = writer.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? new(PluginVerdict.Answered) : AnsweredAfterAsync(flush);
    }

    private static async ValueTask<PluginVerdict> AnsweredAfterAsync(ValueTask<System.IO.Pipelines.FlushResult> flush)
    {
        await flush;
        return PluginVerdict.Answered;
    }
}
