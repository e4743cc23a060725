namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>One operation of an OpenAPI document: upper-case method, path template and summary.</summary>
public sealed record OpenApiOperationInfo(string Method, string Path, string? Summary);
