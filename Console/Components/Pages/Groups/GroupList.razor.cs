using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>Searchable, server-paged list of API groups, filterable by security level.</summary>
public sealed partial class GroupList : ConsolePageBase
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudTable<ApiGroup>? _table;
    private IReadOnlyList<SecurityLevel> _levels = [];
    private int? _levelId;

    [Inject]
    public required ApiGroupService Groups { get; init; }

    [Inject]
    public required SecurityLevelService Levels { get; init; }

    internal ListViewModel<ApiGroup> List { get; private set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        List = new ListViewModel<ApiGroup>((request, ct) => Groups.ListAsync(request, ct, _levelId));
        await base.OnInitializedAsync();
        _levels = await Levels.ListAllAsync(PageToken);
    }

    private string LevelName(int? id) => _levels.FirstOrDefault(l => l.Id == id) is { } level ? $"{level.Code} · {level.Name}" : "";

    private async Task<TableData<ApiGroup>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.LoadPageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<ApiGroup> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string? value)
    {
        List.Search = value;
        await ReloadAsync();
    }

    private async Task LevelChangedAsync(int? value)
    {
        _levelId = value;
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
