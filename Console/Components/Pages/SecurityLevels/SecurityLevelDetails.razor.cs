using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.SecurityLevels;

/// <summary>One security level with what uses it; make-default and a confirmed delete (system levels never).</summary>
public sealed partial class SecurityLevelDetails : ConsolePageBase
{
    private bool _busy;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal SecurityLevelDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task SetDefaultAsync()
    {
        _busy = true;
        try
        {
            if (await ViewModel.SetDefaultAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"Security level '{ViewModel.Level?.Code}' is now the default.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (ViewModel.Level is not { } level || !await ConfirmDeleteAsync($"Delete security level {level.Code}"))
        {
            return;
        }

        _busy = true;
        try
        {
            if (await ViewModel.DeleteAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"Security level '{level.Code}' deleted.", Severity.Success);
                Navigation.NavigateTo("/security-levels");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The security level could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
