namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>Limits of OpenAPI imports: how long a URL fetch may take and how large a document may be.</summary>
public sealed class OpenApiImportOptions
{
    /// <summary>Largest document accepted from any source (URL, upload or pasted text), in bytes.</summary>
    public int MaxSpecBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Time allowed for fetching a document from a URL, headers and body included.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
