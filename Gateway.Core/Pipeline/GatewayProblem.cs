using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// Writes every gateway error as <c>application/problem+json</c> (RFC 9457) with <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c>, <c>code</c> and <c>requestId</c>. The body is serialized into a per-thread buffer and
/// copied into the response pipe synchronously, so only the request id string varies per call.
/// </summary>
internal static class GatewayProblem
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText DetailName = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("requestId");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    /// <summary>Answers with <paramref name="error"/> unless the response has already started.</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = error.Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        // Set again here: an error answered after a forwarding attempt must still carry the id.
        response.Headers[RequestIds.HeaderName] = context.TraceIdentifier;

        var body = Serialize(error, context.TraceIdentifier);
        response.ContentLength = body.Length;
        var pipe = response.BodyWriter;
        body.CopyTo(pipe.GetSpan(body.Length));
        pipe.Advance(body.Length);
        var flush = pipe.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    /// <summary>The problem body as UTF-8; the span stays valid until the next call on the same thread.</summary>
    internal static ReadOnlySpan<byte> Serialize(GatewayError error, string? requestId)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString(TypeName, error.EncodedType);
        writer.WriteString(TitleName, error.EncodedTitle);
        writer.WriteNumber(StatusName, error.Status);
        writer.WriteString(DetailName, error.EncodedDetail);
        writer.WriteString(CodeName, error.EncodedCode);
        writer.WriteString(RequestIdName, requestId);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }
}
