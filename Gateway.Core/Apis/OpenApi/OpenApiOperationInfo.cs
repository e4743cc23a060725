namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// One operation of an OpenAPI document: upper-case method, path template, summary (the operationId when the
/// document gives no summary) and operationId.
/// </summary>
public sealed record OpenApiOperationInfo(string Method, string Path, string? Summary, string? OperationId = null);
