using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.ApiUsers;

/// <summary>One API user: status, allowed clients, last sign-in; set password (dialog), enable, disable, unlock and a confirmed delete.</summary>
public sealed partial class ApiUserDetails : ConsolePageBase
{
    private bool _busy;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ApiUserDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task RunAsync(Func<Actor, CancellationToken, Task<bool>> action, string done)
    {
        _busy = true;
        try
        {
            if (await action(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"API user '{ViewModel.User?.UserName}' {done}.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SetPasswordAsync()
    {
        if (ViewModel.User is not { } user)
        {
            return;
        }

        var parameters = new DialogParameters<ApiUserPasswordDialog>
        {
            { d => d.UserName, user.UserName },
            { d => d.Save, (password, confirm) => ViewModel.SetPasswordAsync(password, confirm, CurrentUser.Actor, PageToken) },
        };
        var dialog = await DialogService.ShowAsync<ApiUserPasswordDialog>("Set password", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"Password of API user '{user.UserName}' set.", Severity.Success);
            StateHasChanged();
        }
    }

    private async Task DeleteAsync()
    {
        if (ViewModel.User is not { } user || !await ConfirmDeleteAsync($"Delete API user {user.UserName}"))
        {
            return;
        }

        _busy = true;
        try
        {
            if (await ViewModel.DeleteAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"API user '{user.UserName}' deleted.", Severity.Success);
                Navigation.NavigateTo("/api-users");
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
