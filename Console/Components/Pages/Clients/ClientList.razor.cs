using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Clients;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Searchable, server-paged list of API clients with a status filter (default All).</summary>
public sealed partial class ClientList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<ApiClient>? _table;
    private ClientStatus? _status;

    [Inject]
    public required ApiClientService Clients { get; init; }

    internal ListViewModel<ApiClient> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<ApiClient>((page, ct) => Clients.ListAsync(page, _status, ct));

    private async Task<TableData<ApiClient>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<ApiClient> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string? value)
    {
        List.Search = value;
        await ReloadAsync();
    }

    private async Task StatusChangedAsync(ClientStatus? value)
    {
        _status = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }
}
