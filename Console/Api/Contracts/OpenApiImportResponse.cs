using ApiManager.Gateway.Apis.OpenApi;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>Result of <c>POST /apis/openapi/import</c>: whether the API was created, the API, and the applied preview.</summary>
internal sealed record OpenApiImportResponse(bool Created, ApiResponse Api, OpenApiImportPreview Preview);
