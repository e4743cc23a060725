using ApiManager.Gateway.CallLog;

namespace ApiManager.Gateway.Apis.Testing;

/// <summary>What the gateway's pipeline did with the test call, from its call log row.</summary>
/// <param name="Stage">The stage that rejected or answered the call; null when it was forwarded.</param>
/// <param name="Plugin">The plugin that rejected or answered it.</param>
/// <param name="ErrorCode">The gateway error code of a rejection.</param>
/// <param name="ErrorDetail">The gateway error's detail.</param>
/// <param name="Summary">Plain-words account of what happened.</param>
/// <param name="NextStep">What to do about it.</param>
/// <param name="Status">The status the gateway answered.</param>
/// <param name="BackendStatus">The backend's status; null when the call never reached it.</param>
/// <param name="LatencyMs">Gateway latency.</param>
/// <param name="BackendLatencyMs">Time spent forwarding.</param>
/// <param name="CacheStatus"><c>Hit</c>/<c>Miss</c>/<c>Bypass</c> when a proxy cache looked at the call.</param>
/// <param name="ClientId">The client the credential identified.</param>
/// <param name="ClientName">That client's name.</param>
/// <param name="CredentialType">The credential type used.</param>
/// <param name="Node">The gateway node that answered.</param>
/// <param name="Target">The target the call was finally sent to (upstream target, backend address or diversion URL).</param>
/// <param name="Retries">How many times the gateway retried the call on another attempt.</param>
public sealed record ApiTestTrace(
    string? Stage,
    string? Plugin,
    string? ErrorCode,
    string? ErrorDetail,
    string Summary,
    string NextStep,
    int Status,
    int? BackendStatus,
    double LatencyMs,
    double? BackendLatencyMs,
    string? CacheStatus,
    string? ClientId,
    string? ClientName,
    string? CredentialType,
    string Node,
    string? Target,
    int Retries)
{
    /// <summary>The trace of a call log row.</summary>
    public static ApiTestTrace From(CallLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var explanation = CallExplanation.For(entry);
        return new ApiTestTrace(entry.Stage, entry.Plugin, entry.ErrorCode, entry.ErrorDetail, explanation.Summary, explanation.NextStep,
            entry.Status, entry.BackendStatus, entry.LatencyMs, entry.BackendLatencyMs, entry.CacheStatus, entry.ClientId, entry.ClientName,
            entry.CredentialType, entry.Node, entry.Target, entry.Retries);
    }
}
