using ApiManager.Gateway.CallLog;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>One recorded gateway request; <c>explanation</c> says in plain words what happened and what to do next.</summary>
internal sealed record CallLogEntryResponse(
    long Id,
    DateTime At,
    string RequestId,
    string Node,
    int? ApiId,
    string? ApiName,
    string? ApiVersion,
    string? ClientId,
    string? ClientName,
    string? CredentialType,
    string? CredentialId,
    string? CallerIp,
    string Method,
    string Path,
    string? Query,
    int Status,
    int? BackendStatus,
    double LatencyMs,
    double? BackendLatencyMs,
    long? BytesIn,
    long? BytesOut,
    string? CacheStatus,
    bool Rejected,
    string? Stage,
    string? Plugin,
    string? ErrorCode,
    string? ErrorDetail,
    string? Target,
    int Retries,
    CallExplanation? Explanation)
{
    public static CallLogEntryResponse From(CallLogEntry e, bool explain = false) => new(
        e.Id, e.At, e.RequestId, e.Node, e.ApiId, e.ApiName, e.ApiVersion, e.ClientId, e.ClientName, e.CredentialType, e.CredentialId,
        e.CallerIp, e.Method, e.Path, e.Query, e.Status, e.BackendStatus, e.LatencyMs, e.BackendLatencyMs, e.BytesIn, e.BytesOut,
        e.CacheStatus, e.IsRejected, e.Stage, e.Plugin, e.ErrorCode, e.ErrorDetail, e.Target, e.Retries, explain ? CallExplanation.For(e) : null);
}
