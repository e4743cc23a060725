namespace ApiManager.Gateway.Apis.Testing;

/// <summary>The gateway's answer to a test call.</summary>
/// <param name="RequestId">The <c>X-Request-Id</c> the call was sent with.</param>
/// <param name="Method">The method sent.</param>
/// <param name="Url">The gateway URL called.</param>
/// <param name="Status">The status code; 0 when no answer came (see <paramref name="Error"/>).</param>
/// <param name="ReasonPhrase">The status's reason phrase.</param>
/// <param name="ElapsedMs">Milliseconds from sending to the end of the body.</param>
/// <param name="Headers">Response and content headers.</param>
/// <param name="Body">The body as text (JSON pretty-printed), at most <see cref="ApiTestService.MaxBodyBytes"/> bytes of it.</param>
/// <param name="IsJson">True when the body is JSON.</param>
/// <param name="BodyTruncated">True when the body was longer than the limit and cut.</param>
/// <param name="Error">Why no answer came (gateway unreachable, timeout); null otherwise.</param>
/// <param name="Trace">The pipeline trace from the call log; null when the row did not appear in time or the log is off.</param>
public sealed record ApiTestResult(
    string RequestId,
    string Method,
    string Url,
    int Status,
    string? ReasonPhrase,
    double ElapsedMs,
    IReadOnlyList<ApiTestPair> Headers,
    string Body,
    bool IsJson,
    bool BodyTruncated,
    string? Error,
    ApiTestTrace? Trace);
