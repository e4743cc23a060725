using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>Searchable, server-paged list of API groups, filterable by security level.</summary>
public sealed partial class GroupList : ListPage<ApiGroup>
{
    private IReadOnlyList<SecurityLevel> _levels = [];
    private int? _levelId;

    [Inject]
    public required ApiGroupService Groups { get; init; }

    [Inject]
    public required SecurityLevelService Levels { get; init; }

    protected override Task<PagedResult<ApiGroup>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Groups.ListAsync(request, cancellationToken, _levelId);

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _levels = await Levels.ListAllAsync(PageToken);
    }

    private string LevelName(int? id) => _levels.FirstOrDefault(l => l.Id == id) is { } level ? $"{level.Code} · {level.Name}" : "";

    private async Task LevelChangedAsync(int? value)
    {
        _levelId = value;
        await ReloadAsync();
    }
}
