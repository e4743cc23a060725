using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Scopes;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>Create (<c>/scopes/new</c>) or edit an API scope; service field errors appear next to the fields.</summary>
public sealed partial class ScopeEdit : EditPage<ApiScope>
{
    [Inject]
    internal ApiScopeEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<ApiScope> Model => ViewModel;

    protected override string SavedMessage(ApiScope saved) => $"API scope '{saved.Name}' saved.";

    protected override string DetailsPath(ApiScope saved) => $"/scopes/{saved.Id}";
}
