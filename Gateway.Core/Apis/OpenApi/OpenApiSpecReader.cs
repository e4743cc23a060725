using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// Reads OpenAPI 2.0, 3.0 and 3.1 documents (JSON or YAML) with Microsoft.OpenApi's reader and lists their operations.
/// </summary>
internal static class OpenApiSpecReader
{
    private static readonly Uri BaseLocation = new("https://openapi.local/");

    public static OpenApiSpecReadResult Read(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return Fail("The document is empty.");
        }

        var trimmed = content.TrimStart();
        var isJson = trimmed.StartsWith('{') || trimmed.StartsWith('[');
        JsonNode? root;
        if (isJson)
        {
            try
            {
                root = JsonNode.Parse(content);
            }
            catch (JsonException ex)
            {
                return Fail($"Line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: the JSON is not well formed.");
            }
        }
        else
        {
            root = YamlJsonConverter.Convert(content, out var yamlError);
            if (yamlError is not null)
            {
                return Fail(yamlError);
            }
        }

        if (root is not JsonObject obj)
        {
            return Fail("#/: the document must be an object with 'openapi' (or 'swagger'), 'info' and 'paths'.");
        }

        if (!obj.ContainsKey("openapi") && !obj.ContainsKey("swagger"))
        {
            return Fail("#/openapi: the document names no OpenAPI version ('openapi: 3.x' or 'swagger: \"2.0\"').");
        }

        ReadResult result;
        try
        {
            var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
            result = new OpenApiJsonReader().Read(obj, BaseLocation, settings);
        }
        catch (OpenApiException ex)
        {
            return Fail($"{(string.IsNullOrEmpty(ex.Pointer) ? "#/" : ex.Pointer)}: {ex.Message}");
        }

        var errors = result.Diagnostic?.Errors.Select(e => $"{(string.IsNullOrEmpty(e.Pointer) ? "#/" : e.Pointer)}: {e.Message}").ToList() ?? [];
        var document = result.Document;
        if (document is null && errors.Count == 0)
        {
            errors.Add("#/: the document could not be read.");
        }

        if (errors.Count > 0)
        {
            return new OpenApiSpecReadResult(null, errors);
        }

        var operations = new List<OpenApiOperationInfo>();
        foreach (var (path, item) in document!.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(new OpenApiOperationInfo(method.Method.ToUpperInvariant(), path, operation.Summary ?? operation.OperationId, operation.OperationId));
            }
        }

        var specVersion = result.Diagnostic!.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi2_0 => "2.0",
            OpenApiSpecVersion.OpenApi3_0 => "3.0",
            _ => "3.1",
        };
        var info = document.Info;
        return new OpenApiSpecReadResult(
            new OpenApiSpecSummary(info?.Title ?? "", info?.Version ?? "", info?.Description, specVersion, isJson ? "json" : "yaml", operations),
            []);
    }

    private static OpenApiSpecReadResult Fail(string error) => new(null, [error]);
}
