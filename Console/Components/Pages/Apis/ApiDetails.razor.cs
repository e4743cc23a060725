using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Read-only view of one API with a confirmed delete.</summary>
public sealed partial class ApiDetails : ConsolePageBase
{
    private bool _deleting;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ApiDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task DeleteAsync()
    {
        if (ViewModel.Api is not { } api || !await ConfirmDeleteAsync($"Delete API {api.Name} {api.Version}"))
        {
            return;
        }

        _deleting = true;
        try
        {
            if (await ViewModel.DeleteAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"API '{api.Name}' {api.Version} deleted.", Severity.Success);
                Navigation.NavigateTo("/apis");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The API could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _deleting = false;
        }
    }
}
