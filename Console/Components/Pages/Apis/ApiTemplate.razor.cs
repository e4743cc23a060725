using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis.Wizard;
using ApiManager.Gateway.Backends;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>
/// The Minimum and Basic create-API templates (<c>/apis/templates/minimum|basic</c>): backend host (and for Basic the
/// API's name and version) plus an OpenAPI document, created through <see cref="ApiWizardService.CreateFromTemplateAsync"/>.
/// </summary>
public sealed partial class ApiTemplate : ConsolePageBase
{
    private readonly OpenApiSource _openApi = new();
    private ApiTemplateKind? _kind;
    private BackendProtocol _protocol = BackendProtocol.Http;
    private string _host = "";
    private int _port = 80;
    private string? _name;
    private string? _version = "v1";
    private bool _busy;

    /// <summary><c>minimum</c> or <c>basic</c>.</summary>
    [Parameter]
    public string Kind { get; set; } = "";

    [Inject]
    internal ApiWizardService Wizard { get; init; } = default!;

    internal FieldErrors Errors { get; } = new();

    private string Title => _kind == ApiTemplateKind.Basic ? "Create API: Basic template" : "Create API: Minimum template";

    /// <summary>Keys shown next to an input; every other error appears above the form (e.g. a path clash).</summary>
    private IEnumerable<string> ShownFields => ["backend.host", "backend.port", "api.name", "api.version", "openApi.content", "openApi.url", "openApi.file"];

    protected override void OnParametersSet() =>
        _kind = Enum.TryParse<ApiTemplateKind>(Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(Kind[0]) ? kind : null;

    private async Task CreateAsync()
    {
        var template = new ApiTemplateInput
        {
            Kind = _kind!.Value,
            Protocol = _protocol,
            Host = _host,
            Port = _port,
            Name = _name,
            Version = _version,
            OpenApiContent = _openApi.Text,
            OpenApiUrl = _openApi.ChosenUrl,
        };
        _busy = true;
        var api = await Errors.TryAsync(() => Wizard.CreateFromTemplateAsync(template, CurrentUser.Actor, PageToken), "template");
        _busy = false;
        if (api is not null)
        {
            Snackbar.Add($"API '{api.Name}' {api.Version} created.", Severity.Success);
            Navigation.NavigateTo($"/apis/{api.Id}");
        }
    }
}
