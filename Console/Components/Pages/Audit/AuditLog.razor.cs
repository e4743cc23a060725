using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Auditing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Audit;

/// <summary>The audit log, newest first, with filters and expandable before / after images.</summary>
public sealed partial class AuditLog : ConsolePageBase
{
    private static readonly int[] PageSizes = [20, 50, 100];

    private readonly HashSet<long> _expanded = [];

    private MudTable<AuditEntry>? _table;

    [Inject]
    internal AuditViewModel ViewModel { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadEntityTypesAsync(PageToken);
    }

    private async Task<TableData<AuditEntry>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await ViewModel.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<AuditEntry> { Items = page.Items, TotalItems = page.Total };
    }

    private void Toggle(AuditEntry? entry)
    {
        if (entry is not null && !_expanded.Remove(entry.Id))
        {
            _expanded.Add(entry.Id);
        }
    }

    private async Task ApplyAsync()
    {
        _expanded.Clear();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task ClearAsync()
    {
        ViewModel.ClearFilters();
        await ApplyAsync();
    }
}
