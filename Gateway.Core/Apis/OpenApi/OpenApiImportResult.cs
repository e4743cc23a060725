namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>The API an import created or updated, and the preview it applied.</summary>
public sealed record OpenApiImportResult(ApiDefinition Api, bool Created, OpenApiImportPreview Preview);
