namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// What an import needs from a successfully read OpenAPI document: <c>info</c>, the OpenAPI version as the reader saw
/// it (2.0, 3.0 or 3.1), the format (json or yaml) and the operations.
/// </summary>
public sealed record OpenApiSpecSummary(
    string Title,
    string Version,
    string? Description,
    string SpecVersion,
    string Format,
    IReadOnlyList<OpenApiOperationInfo> Operations);
