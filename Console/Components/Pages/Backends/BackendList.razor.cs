using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Backends;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Backends;

/// <summary>Searchable, server-paged list of backends.</summary>
public sealed partial class BackendList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<Backend>? _table;

    [Inject]
    public required BackendService Backends { get; init; }

    internal ListViewModel<Backend> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<Backend>(Backends.ListAsync);

    private async Task<TableData<Backend>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<Backend> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string? value)
    {
        List.Search = value;
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }
}
