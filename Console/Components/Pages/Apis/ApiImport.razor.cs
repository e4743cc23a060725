using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Imports an OpenAPI document (pasted, uploaded or from a URL): preview of operations and target, then confirm.</summary>
public sealed partial class ApiImport : ConsolePageBase
{
    private const int FileTab = 1;
    private const int UrlTab = 2;
    private static readonly string[] ShownFields = ["content", "file", "url", "name", "version", "path", "backendId"];

    private IReadOnlyList<Backend> _backends = [];
    private int _source;
    private string? _content;
    private string? _fileName;
    private string? _fileContent;
    private string? _url;
    private string? _name;
    private string? _version;
    private string? _path;
    private int? _backendId;
    private bool _busy;
    private OpenApiImportPreview? _preview;

    [Inject]
    public required OpenApiImportService Import { get; init; }

    [Inject]
    public required OpenApiImportOptions Options { get; init; }

    [Inject]
    public required BackendService Backends { get; init; }

    /// <summary>Target name given by a link from an API's page (re-import).</summary>
    [SupplyParameterFromQuery(Name = "name")]
    public string? TargetName { get; set; }

    /// <summary>Target version given by a link from an API's page (re-import).</summary>
    [SupplyParameterFromQuery(Name = "version")]
    public string? TargetVersion { get; set; }

    internal FieldErrors Errors { get; } = new();

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _name = TargetName;
        _version = TargetVersion;
        _backends = (await Backends.ListAsync(new PageRequest(1, PageRequest.MaxPageSize), PageToken)).Items;
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        Errors.Clear();
        _preview = null;
        var file = e.File;
        if (file.Size > Options.MaxSpecBytes)
        {
            _fileName = null;
            _fileContent = null;
            Errors.Set(new Dictionary<string, string[]> { ["file"] = [$"The file is larger than {Options.MaxSpecBytes / 1024} KB."] });
            return;
        }

        await using var stream = file.OpenReadStream(Options.MaxSpecBytes, PageToken);
        using var reader = new StreamReader(stream);
        _fileContent = await reader.ReadToEndAsync(PageToken);
        _fileName = file.Name;
    }

    private OpenApiImportRequest BuildRequest() => new()
    {
        Content = _source switch
        {
            FileTab => _fileContent ?? "",
            UrlTab => null,
            _ => _content,
        },
        Url = _source == UrlTab ? _url : null,
        Name = _name,
        Version = _version,
        Path = _path,
        BackendId = _backendId,
    };

    private async Task PreviewAsync()
    {
        Errors.Clear();
        _busy = true;
        try
        {
            _preview = await Import.PreviewAsync(BuildRequest(), PageToken);
        }
        catch (ServiceValidationException ex)
        {
            _preview = null;
            Errors.Set(ex.Errors);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync()
    {
        Errors.Clear();
        _busy = true;
        try
        {
            var result = await Import.ImportAsync(BuildRequest(), CurrentUser.Actor, PageToken);
            Snackbar.Add($"API '{result.Api.Name}' {result.Api.Version} {(result.Created ? "created" : "updated")} from the OpenAPI document.", Severity.Success);
            Navigation.NavigateTo($"/apis/{result.Api.Id}");
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (Exception ex) when (ex is EntityNotFoundException or EntityConflictException)
        {
            Errors.Set(new Dictionary<string, string[]> { ["api"] = [ex.Message] });
        }
        finally
        {
            _busy = false;
        }
    }
}
