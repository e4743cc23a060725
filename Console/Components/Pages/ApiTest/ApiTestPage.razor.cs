using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.Testing;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.ApiTest;

/// <summary>
/// The API Test page: pick an API and one of its operations, fill path parameters, query, headers and body, send it
/// through the gateway from the server and see the answer with the pipeline trace. <c>?apiId=</c> preselects an API.
/// </summary>
public sealed partial class ApiTestPage : ConsolePageBase
{
    private readonly FieldErrors _errors = new();
    private readonly Dictionary<string, string?> _pathValues = new(StringComparer.Ordinal);
    private readonly List<PairRow> _query = [];
    private readonly List<PairRow> _headers = [];
    private IReadOnlyList<ApiDefinition> _apis = [];
    private IReadOnlyList<ApiTestOperation> _operations = [];
    private ApiDefinition? _api;
    private int _operationIndex = -1;
    private string? _freePath;
    private string? _contentType;
    private string? _body;
    private bool _sending;
    private string? _error;
    private ApiTestResult? _result;

    /// <summary>The API to preselect.</summary>
    [SupplyParameterFromQuery(Name = "apiId")]
    public int? ApiId { get; set; }

    [Inject]
    internal ApiTestService Service { get; init; } = default!;

    private ApiTestOperation? Operation => _operationIndex >= 0 && _operationIndex < _operations.Count ? _operations[_operationIndex] : null;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _apis = await Service.ApisAsync(PageToken);
        if (ApiId is { } id && _apis.FirstOrDefault(a => a.Id == id) is { } preselected)
        {
            await SelectApiAsync(preselected);
        }
    }

    private static string ApiLabel(ApiDefinition? api) => api is null ? "" : $"{api.Name} {api.Version} ({api.Path})";

    private static string OperationLabel(ApiTestOperation operation) =>
        operation.IsFreePath
            ? operation.Method + " (any path under the API)"
            : operation.Method + " " + (operation.Path.Length == 0 ? "/" : operation.Path) + (operation.Summary is { Length: > 0 } summary ? " — " + summary : "");

    private static Color StatusColor(int status) => status switch
    {
        0 => Color.Error,
        < 300 => Color.Success,
        < 400 => Color.Info,
        < 500 => Color.Warning,
        _ => Color.Error,
    };

    private Task<IEnumerable<ApiDefinition>> SearchApisAsync(string? text, CancellationToken cancellationToken)
    {
        var term = text?.Trim() ?? "";
        var matches = term.Length == 0 ? _apis : _apis.Where(a => ApiLabel(a).Contains(term, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches);
    }

    private async Task SelectApiAsync(ApiDefinition? api)
    {
        _api = api;
        _operations = api is null ? [] : await Service.OperationsAsync(api.Id, PageToken);
        _operationIndex = _operations.Count > 0 ? 0 : -1;
        _pathValues.Clear();
        _freePath = null;
        _errors.Clear();
        _error = null;
        _result = null;
    }

    private void SelectOperation(int index)
    {
        _operationIndex = index;
        _errors.Clear();
    }

    private async Task SendAsync()
    {
        if (_api is null || Operation is not { } operation)
        {
            return;
        }

        _sending = true;
        _error = null;
        try
        {
            var request = new ApiTestRequest
            {
                ApiId = _api.Id,
                Method = operation.Method,
                Path = operation.IsFreePath ? _freePath : operation.Path,
                PathParameters = operation.Parameters.ToDictionary(p => p, p => _pathValues.GetValueOrDefault(p), StringComparer.Ordinal),
                Query = [.. _query.Select(r => new ApiTestPair(r.Name, r.Value))],
                Headers = [.. _headers.Select(r => new ApiTestPair(r.Name, r.Value))],
                Body = _body,
                ContentType = _contentType,
            };
            _result = await Service.SendAsync(request, PageToken);
            _errors.Clear();
        }
        catch (ServiceValidationException e)
        {
            _errors.Set(e.Errors);
            var shown = new[] { "apiId", "operation", "method", "path", "contentType", "body", "query", "headers" }
                .Concat(operation.Parameters.Select(p => "pathParameters." + p))
                .Concat(Enumerable.Range(0, _query.Count).SelectMany(i => new[] { $"query[{i}].name", $"query[{i}].value" }))
                .Concat(Enumerable.Range(0, _headers.Count).SelectMany(i => new[] { $"headers[{i}].name", $"headers[{i}].value" }));
            var others = _errors.Others(shown);
            _error = others.Count > 0 ? string.Join(" ", others) : "Some fields are invalid; see the marked fields.";
        }
        catch (EntityNotFoundException e)
        {
            _error = e.Message;
        }
        finally
        {
            _sending = false;
        }
    }
}
