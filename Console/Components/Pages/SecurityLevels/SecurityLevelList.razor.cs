using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.SecurityLevels;

/// <summary>Searchable, server-paged list of security levels by rank.</summary>
public sealed partial class SecurityLevelList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<SecurityLevel>? _table;

    [Inject]
    public required SecurityLevelService Levels { get; init; }

    internal ListViewModel<SecurityLevel> List { get; private set; } = default!;

    protected override void OnInitialized() => List = new ListViewModel<SecurityLevel>(Levels.ListAsync);

    private async Task<TableData<SecurityLevel>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<SecurityLevel> { Items = page.Items, TotalItems = page.Total };
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
