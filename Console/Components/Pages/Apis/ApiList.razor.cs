using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>"My APIs": searchable, filterable, server-paged list of APIs with batch enable/disable.</summary>
public sealed partial class ApiList : ListPage<ApiDefinition>
{
    private readonly HashSet<int> _selected = [];
    private IReadOnlyList<Backend> _backends = [];
    private ApiStatus? _status;
    private string? _tag;
    private int? _backendId;
    private bool _busy;

    [Inject]
    public required ApiService Apis { get; init; }

    [Inject]
    public required BackendService Backends { get; init; }

    private bool IsFiltered => !string.IsNullOrWhiteSpace(List.Search) || _status is not null || !string.IsNullOrWhiteSpace(_tag) || _backendId is not null;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _backends = (await Backends.ListAsync(new PageRequest(1, PageRequest.MaxPageSize), PageToken)).Items;
    }

    protected override async Task<PagedResult<ApiDefinition>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var page = await Apis.ListAsync(request, new ApiListFilter(_status, _tag, _backendId), cancellationToken);
        _selected.IntersectWith(page.Items.Select(a => a.Id));
        return page;
    }

    private async Task StatusFilterChangedAsync(ApiStatus? value)
    {
        _status = value;
        await ReloadAsync();
    }

    private async Task TagFilterChangedAsync(string? value)
    {
        _tag = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        await ReloadAsync();
    }

    private async Task BackendFilterChangedAsync(int? value)
    {
        _backendId = value;
        await ReloadAsync();
    }

    private void Toggle(int id, bool selected)
    {
        if (selected)
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }

    private async Task SetStatusAsync(ApiStatus status)
    {
        _busy = true;
        try
        {
            var changed = await Apis.SetStatusBatchAsync([.. _selected], status, CurrentUser.Actor, PageToken);
            Snackbar.Add($"{changed} API(s) set to {status}.", Severity.Success);
            _selected.Clear();
        }
        catch (Exception ex) when (ex is EntityNotFoundException or ServiceValidationException)
        {
            Snackbar.Add(ex is ServiceValidationException v ? string.Join(" ", v.Errors.Values.SelectMany(m => m)) : ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
    }
}
