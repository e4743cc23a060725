using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Groups;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>Create (<c>/groups/new</c>) or edit an API group; service field errors appear next to the fields.</summary>
public sealed partial class GroupEdit : EditPage<ApiGroup>
{
    [Inject]
    internal ApiGroupEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<ApiGroup> Model => ViewModel;

    protected override string SavedMessage(ApiGroup saved) => $"API group '{saved.Name}' saved.";

    protected override string DetailsPath(ApiGroup saved) => $"/groups/{saved.Id}";

    private string LevelName(int? id) => ViewModel.Levels.FirstOrDefault(l => l.Id == id) is { } level ? $"{level.Code} · {level.Name}" : "";
}
