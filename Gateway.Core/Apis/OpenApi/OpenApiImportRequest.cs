namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// An OpenAPI import: the document (<see cref="Content"/>, or <see cref="Url"/> to fetch it) and the target API. Name and
/// version default to the document's <c>info</c>; an existing API with that name and version is updated, else a new
/// one is created with <see cref="Path"/> and <see cref="BackendId"/> (both required then).
/// </summary>
public sealed record OpenApiImportRequest
{
    public string? Content { get; init; }
    public string? Url { get; init; }
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? Path { get; init; }
    public int? BackendId { get; init; }
}
