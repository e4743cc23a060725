using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Scopes;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>Searchable, server-paged list of API scopes.</summary>
public sealed partial class ScopeList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<ApiScope>? _table;

    [Inject]
    public required ApiScopeService Scopes { get; init; }

    internal ListViewModel<ApiScope> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<ApiScope>(Scopes.ListAsync);

    private async Task<TableData<ApiScope>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<ApiScope> { Items = page.Items, TotalItems = page.Total };
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
