using ApiManager.Admin.Account;
using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Dialogs;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.AdminUsers;

/// <summary>Administrators manage console users: create, role, disable / enable, unlock, reset password.</summary>
public sealed partial class AdminUsers : ConsolePageBase
{
    private bool _showCreate;

    [Inject]
    internal AdminUsersViewModel ViewModel { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadAsync(PageToken);
    }

    private async Task CreateAsync()
    {
        var userName = ViewModel.NewUser.UserName;
        if (await ViewModel.CreateAsync(CurrentUser.Actor, PageToken))
        {
            _showCreate = false;
            Snackbar.Add($"User '{userName}' created.", Severity.Success);
        }
    }

    private async Task SetRoleAsync(AdminUserInfo user, string role)
    {
        if (await ViewModel.SetRoleAsync(user.Id, role, CurrentUser.Actor, PageToken))
        {
            Snackbar.Add($"'{user.UserName}' is now {role}.", Severity.Success);
        }
    }

    private async Task SetDisabledAsync(AdminUserInfo user, bool disabled)
    {
        if (await ViewModel.SetDisabledAsync(user.Id, disabled, CurrentUser.Actor, PageToken))
        {
            Snackbar.Add($"'{user.UserName}' {(disabled ? "disabled" : "enabled")}.", Severity.Success);
        }
    }

    private async Task UnlockAsync(AdminUserInfo user)
    {
        if (await ViewModel.UnlockAsync(user.Id, CurrentUser.Actor, PageToken))
        {
            Snackbar.Add($"'{user.UserName}' unlocked.", Severity.Success);
        }
    }

    private async Task ResetPasswordAsync(AdminUserInfo user)
    {
        var parameters = new DialogParameters<ResetPasswordDialog> { { d => d.UserName, user.UserName } };
        var dialog = await DialogService.ShowAsync<ResetPasswordDialog>("Reset password", parameters);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string password }
            && await ViewModel.ResetPasswordAsync(user.Id, password, CurrentUser.Actor, PageToken))
        {
            Snackbar.Add($"Password of '{user.UserName}' reset.", Severity.Success);
        }
    }
}
