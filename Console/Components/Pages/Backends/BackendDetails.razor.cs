using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Backends;

/// <summary>Read-only view of one backend, with the APIs that use it and a confirmed delete.</summary>
public sealed partial class BackendDetails : ConsolePageBase
{
    private bool _deleting;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal BackendDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task DeleteAsync()
    {
        if (ViewModel.Backend is not { } backend || !await ConfirmDeleteAsync($"Delete backend {backend.Name}"))
        {
            return;
        }

        _deleting = true;
        try
        {
            if (await ViewModel.DeleteAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"Backend '{backend.Name}' deleted.", Severity.Success);
                Navigation.NavigateTo("/backends");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The backend could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _deleting = false;
        }
    }
}
