using System.Text.Json;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// An error the gateway itself answers, with its stable machine <see cref="Code"/>. The JSON pieces are encoded once,
/// so writing a problem body allocates next to nothing.
/// </summary>
internal sealed class GatewayError
{
    public static readonly GatewayError RouteNotFound = new(404, "route_not_found", "Not Found", "No API is published at this path.");
    public static readonly GatewayError MethodNotAllowed = new(405, "method_not_allowed", "Method Not Allowed", "The API does not accept this method; the Allow header lists the methods it accepts.");
    public static readonly GatewayError ApiInactive = new(503, "api_inactive", "Service Unavailable", "The API is inactive.");
    public static readonly GatewayError BadGateway = new(502, "bad_gateway", "Bad Gateway", "The backend could not be reached or sent an invalid response.");
    public static readonly GatewayError GatewayTimeout = new(504, "gateway_timeout", "Gateway Timeout", "The backend did not answer within its read timeout.");
    public static readonly GatewayError BackendUnavailable = new(503, "backend_unavailable", "Service Unavailable", "No backend destination is available.");
    public static readonly GatewayError BadRequest = new(400, "bad_request", "Bad Request", "The request body could not be read.");

    private GatewayError(int status, string code, string title, string detail)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        EncodedType = JsonEncodedText.Encode(TypePrefix + code);
        EncodedTitle = JsonEncodedText.Encode(title);
        EncodedDetail = JsonEncodedText.Encode(detail);
        EncodedCode = JsonEncodedText.Encode(code);
    }

    /// <summary>Problem <c>type</c> URIs are this prefix plus the code.</summary>
    public const string TypePrefix = "urn:apimanager:problem:";

    public int Status { get; }

    public string Code { get; }

    public string Title { get; }

    public string Detail { get; }

    internal JsonEncodedText EncodedType { get; }

    internal JsonEncodedText EncodedTitle { get; }

    internal JsonEncodedText EncodedDetail { get; }

    internal JsonEncodedText EncodedCode { get; }
}
