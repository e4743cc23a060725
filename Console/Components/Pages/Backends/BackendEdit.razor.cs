using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Backends;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Backends;

/// <summary>Create (<c>/backends/new</c>) or edit a backend; service field errors appear next to the fields.</summary>
public sealed partial class BackendEdit : EditPage<Backend>
{
    [Inject]
    internal BackendEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<Backend> Model => ViewModel;

    protected override string SavedMessage(Backend saved) => $"Backend '{saved.Name}' saved.";

    protected override string DetailsPath(Backend saved) => $"/backends/{saved.Id}";
}
