namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// What an import would do: the document's summary and operations, the target API's name and version, the existing API
/// it would update (null: a new API), and the allowed methods it would set.
/// </summary>
public sealed record OpenApiImportPreview(
    OpenApiSpecSummary Spec,
    string Name,
    string Version,
    int? ExistingApiId,
    string? ExistingPath,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> Warnings);
