using ApiManager.Gateway.Backends;

namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>What a template asks for. Minimum ignores <see cref="Name"/> and <see cref="Version"/>.</summary>
public sealed record ApiTemplateInput
{
    public ApiTemplateKind Kind { get; init; }
    public BackendProtocol Protocol { get; init; } = BackendProtocol.Http;
    public string Host { get; init; } = "";
    public int Port { get; init; } = 80;
    public string? Name { get; init; }
    public string? Version { get; init; }

    /// <summary>The OpenAPI document's text (pasted or uploaded).</summary>
    public string? OpenApiContent { get; init; }

    /// <summary>A URL to fetch the document from, used when <see cref="OpenApiContent"/> is empty.</summary>
    public string? OpenApiUrl { get; init; }
}
