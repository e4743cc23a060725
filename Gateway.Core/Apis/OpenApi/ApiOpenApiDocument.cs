namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// The OpenAPI document an API was last imported from (table <c>ApiOpenApiDocuments</c>, one row per API, deleted with
/// it). Kept out of <see cref="ApiDefinition"/> so lists and gateway config rebuilds never load document text.
/// </summary>
public sealed class ApiOpenApiDocument
{
    public int ApiDefinitionId { get; set; }
    public ApiDefinition? Api { get; set; }
    public required string Content { get; set; }
    public DateTime ImportedAt { get; set; }
}
