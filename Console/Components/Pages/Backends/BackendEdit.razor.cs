using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Backends;

/// <summary>Create (<c>/backends/new</c>) or edit a backend; service field errors appear next to the fields.</summary>
public sealed partial class BackendEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal BackendEditViewModel ViewModel { get; init; } = default!;

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
            Snackbar.Add($"Backend '{saved.Name}' saved.", Severity.Success);
            Navigation.NavigateTo($"/backends/{saved.Id}");
        }
    }
}
