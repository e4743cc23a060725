namespace ApiManager.Gateway.Apis;

/// <summary>
/// One allowed operation of an API (table <c>ApiOperations</c>): an upper-case method and a path template relative to
/// the API's path, such as <c>GET /pets/{petId}</c>. An OpenAPI import writes them; an API without rows allows every
/// path under its prefix (and the methods of <see cref="ApiDefinition.Methods"/>).
/// </summary>
public sealed class ApiOperation
{
    public int Id { get; set; }
    public int ApiDefinitionId { get; set; }
    public ApiDefinition? Api { get; set; }

    /// <summary>Upper-case HTTP method.</summary>
    public required string Method { get; set; }

    /// <summary>Path template relative to the API's path, starting with '/', e.g. <c>/pets/{petId}</c>.</summary>
    public required string Path { get; set; }
    public string? OperationId { get; set; }
    public string? Summary { get; set; }
}
