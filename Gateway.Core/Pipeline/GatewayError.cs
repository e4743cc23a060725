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
    public static readonly GatewayError GatewayTimeout = new(504, "gateway_timeout", "Gateway Timeout", "The backend timed out: connecting, sending the request or waiting for its answer took longer than its connect, write or read timeout.");
    public static readonly GatewayError BackendUnavailable = new(503, "backend_unavailable", "Service Unavailable", "No backend destination is available.");
    public static readonly GatewayError BadRequest = new(400, "bad_request", "Bad Request", "The request body could not be read.");

    public static readonly GatewayError InvalidCredential = new(401, "invalid_credential", "Unauthorized", "Send the client's credentials as HTTP Basic (Client ID and password).");
    public static readonly GatewayError ClientLocked = new(401, "client_locked", "Unauthorized", "The client is locked after too many wrong passwords; an administrator must unlock it.");
    public static readonly GatewayError ClientDisabled = new(403, "client_disabled", "Forbidden", "The client is disabled.");
    public static readonly GatewayError ClientNotYetValid = new(403, "client_not_yet_valid", "Forbidden", "The client's start date has not come yet.");
    public static readonly GatewayError ClientExpired = new(403, "client_expired", "Forbidden", "The client has expired.");
    public static readonly GatewayError OutsideServiceTime = new(403, "outside_service_time", "Forbidden", "The client may not call APIs at this time of day.");
    public static readonly GatewayError IpNotBound = new(403, "ip_not_bound", "Forbidden", "The client may not call from this IP address.");
    public static readonly GatewayError ApiNotAuthorized = new(403, "api_not_authorized", "Forbidden", "None of the client's groups or scopes includes this API.");
    public static readonly GatewayError GroupNotOpen = new(403, "group_not_open", "Forbidden", "The client's groups that include this API may not be used at this day or time.");
    public static readonly GatewayError AudienceNotAllowed = new(403, "audience_not_allowed", "Forbidden", "The client may only call from the internal network.");
    public static readonly GatewayError CredentialScopeDenied = new(403, "credential_scope_denied", "Forbidden", "The credential's groups or scope do not include this API.");

    /// <summary>
    /// Creates an error. Features define theirs once, as static fields (the encoding happens here, not per request).
    /// <paramref name="challenge"/> is the <c>WWW-Authenticate</c> value a 401 carries (null: the credential's default).
    /// </summary>
    internal GatewayError(int status, string code, string title, string detail, string? challenge = null)
    {
        Challenge = challenge;
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

    /// <summary>The stage this error belongs to when it is not the stage that returned it (e.g. a limit checked during authentication).</summary>
    public GatewayStage? Stage { get; init; }

    public string Code { get; }

    public string Title { get; }

    public string Detail { get; }

    /// <summary><c>WWW-Authenticate</c> value for a 401, when this error has its own (e.g. <c>Bearer error="invalid_token"</c>).</summary>
    public string? Challenge { get; }

    internal JsonEncodedText EncodedType { get; }

    internal JsonEncodedText EncodedTitle { get; }

    internal JsonEncodedText EncodedDetail { get; }

    internal JsonEncodedText EncodedCode { get; }
}
