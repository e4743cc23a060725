using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>Create (<c>/groups/new</c>) or edit an API group; service field errors appear next to the fields.</summary>
public sealed partial class GroupEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal ApiGroupEditViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await ViewModel.LoadAsync(Id, PageToken);
        _loaded = true;
    }

    private string LevelName(int? id) => ViewModel.Levels.FirstOrDefault(l => l.Id == id) is { } level ? $"{level.Code} · {level.Name}" : "";

    private async Task SaveAsync()
    {
        var saved = await ViewModel.SaveAsync(CurrentUser.Actor, PageToken);
        if (saved is not null)
        {
            Snackbar.Add($"API group '{saved.Name}' saved.", Severity.Success);
            Navigation.NavigateTo($"/groups/{saved.Id}");
        }
    }
}
