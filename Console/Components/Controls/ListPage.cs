using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using MudBlazor;

namespace ApiManager.Admin.Components.Controls;

/// <summary>
/// Base of the searchable, server-paged list pages: the <see cref="MudTable{T}"/> reads its pages through
/// <see cref="List"/>; the search box and any filters reload it.
/// </summary>
/// <typeparam name="TItem">The listed entity.</typeparam>
public abstract class ListPage<TItem> : ConsolePageBase
{
    /// <summary>The pager's page sizes.</summary>
    protected static int[] PageSizes => [10, 20, 50, 100];

    /// <summary>The page's table (set by <c>@ref</c>).</summary>
    protected MudTable<TItem>? Table { get; set; }

    internal ListViewModel<TItem> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<TItem>(LoadPageAsync);

    /// <summary>One page of items for the search (and the page's filters).</summary>
    protected abstract Task<PagedResult<TItem>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken);

    protected async Task<TableData<TItem>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<TItem> { Items = page.Items, TotalItems = page.Total };
    }

    protected async Task SearchAsync(string? value)
    {
        List.Search = value;
        await ReloadAsync();
    }

    /// <summary>Re-reads the current page (after a search or filter change).</summary>
    protected async Task ReloadAsync()
    {
        if (Table is not null)
        {
            await Table.ReloadServerData();
        }
    }
}
