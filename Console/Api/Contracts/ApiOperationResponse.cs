using ApiManager.Gateway.Apis;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>One allowed operation of an API: method, path template relative to the API's path, operationId, summary.</summary>
public sealed record ApiOperationResponse(string Method, string Path, string? OperationId, string? Summary)
{
    public static ApiOperationResponse From(ApiOperation operation) => new(operation.Method, operation.Path, operation.OperationId, operation.Summary);
}
