using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>Create (<c>/scopes/new</c>) or edit an API scope; service field errors appear next to the fields.</summary>
public sealed partial class ScopeEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal ApiScopeEditViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await ViewModel.LoadAsync(Id, PageToken);
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        var saved = await ViewModel.SaveAsync(CurrentUser.Actor, PageToken);
        if (saved is not null)
        {
            Snackbar.Add($"API scope '{saved.Name}' saved.", Severity.Success);
            Navigation.NavigateTo($"/scopes/{saved.Id}");
        }
    }
}
