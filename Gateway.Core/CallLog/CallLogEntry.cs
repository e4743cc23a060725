namespace ApiManager.Gateway.CallLog;

/// <summary>
/// One gateway request as the call log keeps it (table <c>CallLog</c>). Rows are inserted by
/// <see cref="CallLogWriter"/> with raw SQL in batches, never through EF; EF only reads and deletes them.
/// </summary>
public sealed class CallLogEntry
{
    public long Id { get; set; }

    /// <summary>When the gateway started on the request (UTC, millisecond precision; stored as Unix milliseconds).</summary>
    public DateTime At { get; set; }

    /// <summary>The request id echoed in <c>X-Request-Id</c> (not unique when callers send their own).</summary>
    public string RequestId { get; set; } = "";

    /// <summary>The gateway node that answered (<c>Gateway:NodeName</c>, default the machine name).</summary>
    public string Node { get; set; } = "";

    /// <summary>The API's database id; null when no API matched.</summary>
    public int? ApiId { get; set; }

    public string? ApiName { get; set; }

    public string? ApiVersion { get; set; }

    /// <summary>The client's Client ID once a credential passed; null for public APIs and failed authentication.</summary>
    public string? ClientId { get; set; }

    public string? ClientName { get; set; }

    /// <summary>The credential type name (<c>ClientBasic</c>, <c>OAuthToken</c>, …).</summary>
    public string? CredentialType { get; set; }

    /// <summary>The credential's identifier (never its secret).</summary>
    public string? CredentialId { get; set; }

    public string? CallerIp { get; set; }

    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>The query string with secret parameter values replaced by <c>***</c>; null when the request had none.</summary>
    public string? Query { get; set; }

    /// <summary>The status the gateway answered with.</summary>
    public int Status { get; set; }

    /// <summary>The backend's status; null when the request never reached the backend.</summary>
    public int? BackendStatus { get; set; }

    /// <summary>Milliseconds from the gateway taking the request to the end of its handling.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Milliseconds spent forwarding to the backend; null when not forwarded.</summary>
    public double? BackendLatencyMs { get; set; }

    /// <summary>Request body length from <c>Content-Length</c>; null when not known (chunked or no body header).</summary>
    public long? BytesIn { get; set; }

    /// <summary>Response body length from <c>Content-Length</c>; null when not known (chunked response).</summary>
    public long? BytesOut { get; set; }

    /// <summary><c>Hit</c>, <c>Miss</c> or <c>Bypass</c> when a proxy cache looked at the request.</summary>
    public string? CacheStatus { get; set; }

    /// <summary>The pipeline stage (<see cref="Pipeline.GatewayStage"/> name) that rejected or answered the request.</summary>
    public string? Stage { get; set; }

    /// <summary>The plugin (e.g. <c>rate-limiting</c>) that rejected or answered the request.</summary>
    public string? Plugin { get; set; }

    /// <summary>The gateway error code of a rejection (e.g. <c>quota_exceeded</c>); null when not rejected.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The gateway error's detail text.</summary>
    public string? ErrorDetail { get; set; }

    /// <summary>The destination the request was finally forwarded to (upstream target or backend address); null when not forwarded.</summary>
    public string? Target { get; set; }

    /// <summary>Forwarding attempts retried after a failed attempt (0 when the first attempt was the only one).</summary>
    public int Retries { get; set; }

    /// <summary>True when the gateway rejected the request itself.</summary>
    public bool IsRejected => ErrorCode is not null;
}
