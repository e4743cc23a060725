using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Imports an OpenAPI document (pasted, uploaded or from a URL): preview of operations and target, then confirm.</summary>
public sealed partial class ApiImport : ConsolePageBase
{
    private static readonly string[] ShownFields = ["content", "file", "url", "name", "version", "path", "backendId"];

    private readonly OpenApiSource _source = new();
    private IReadOnlyList<Backend> _backends = [];
    private string? _name;
    private string? _version;
    private string? _path;
    private int? _backendId;
    private bool _busy;

    [Inject]
    public required OpenApiImportService Import { get; init; }

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

    /// <summary>The import request: the document of the chosen tab and the target fields.</summary>
    private OpenApiImportRequest BuildRequest() => new()
    {
        Content = _source.Text,
        Url = _source.ChosenUrl,
        Name = _name,
        Version = _version,
        Path = _path,
        BackendId = _backendId,
    };

    private async Task ImportAsync()
    {
        _busy = true;
        var result = await Errors.TryAsync(() => Import.ImportAsync(BuildRequest(), CurrentUser.Actor, PageToken), "api");
        _busy = false;
        if (result is not null)
        {
            Snackbar.Add($"API '{result.Api.Name}' {result.Api.Version} {(result.Created ? "created" : "updated")} from the OpenAPI document.", Severity.Success);
            Navigation.NavigateTo($"/apis/{result.Api.Id}");
        }
    }
}
