using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Searchable, server-paged list of APIs.</summary>
public sealed partial class ApiList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<ApiDefinition>? _table;

    [Inject]
    public required ApiService Apis { get; init; }

    internal ListViewModel<ApiDefinition> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<ApiDefinition>((page, ct) => Apis.ListAsync(page, ct));

    private async Task<TableData<ApiDefinition>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<ApiDefinition> { Items = page.Items, TotalItems = page.Total };
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
