using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Create (<c>/apis/new</c>) or edit an API; service field errors appear next to the fields.</summary>
public sealed partial class ApiEdit : EditPage<ApiDefinition>
{
    [Inject]
    internal ApiEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<ApiDefinition> Model => ViewModel;

    protected override string SavedMessage(ApiDefinition saved) => $"API '{saved.Name}' {saved.Version} saved.";

    protected override string DetailsPath(ApiDefinition saved) => $"/apis/{saved.Id}";

    private string BackendName(int id) => ViewModel.Backends.FirstOrDefault(b => b.Id == id)?.Name ?? "";
}
