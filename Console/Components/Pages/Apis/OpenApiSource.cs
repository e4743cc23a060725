using ApiManager.Gateway.Apis.OpenApi;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Where an OpenAPI document comes from in the wizard and the templates: pasted text, an uploaded file or a URL.</summary>
public sealed class OpenApiSource
{
    public const int PasteTab = 0;
    public const int FileTab = 1;
    public const int UrlTab = 2;

    public int Tab { get; set; }
    public string? Content { get; set; }
    public string? FileName { get; set; }
    public string? FileContent { get; set; }
    public string? Url { get; set; }

    /// <summary>The preview of the current document, after "Preview".</summary>
    public OpenApiImportPreview? Preview { get; set; }

    /// <summary>The document text of the chosen tab (null for the URL tab).</summary>
    public string? Text => Tab switch
    {
        FileTab => FileContent,
        UrlTab => null,
        _ => Content,
    };

    /// <summary>The URL, when the URL tab is chosen.</summary>
    public string? ChosenUrl => Tab == UrlTab ? Url : null;
}
