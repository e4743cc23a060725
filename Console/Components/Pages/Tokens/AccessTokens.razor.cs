using ApiManager.Admin.Account;
using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Dialogs;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Tokens;

/// <summary>The signed-in user's personal access tokens. Operators may create them too: the token carries their read-only role.</summary>
public sealed partial class AccessTokens : ConsolePageBase
{
    [Inject]
    internal TokensViewModel ViewModel { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadAsync(CurrentUser, PageToken);
    }

    private static string StatusText(AccessTokenInfo token) =>
        token.RevokedAt is not null ? "Revoked" : token.IsActive ? "Active" : "Expired";

    private static Color StatusColor(AccessTokenInfo token) =>
        token.RevokedAt is not null ? Color.Error : token.IsActive ? Color.Success : Color.Default;

    private async Task CreateAsync()
    {
        var created = await ViewModel.CreateAsync(CurrentUser, PageToken);
        if (created is null)
        {
            return;
        }

        var parameters = new DialogParameters<TokenCreatedDialog> { { d => d.Name, created.Name }, { d => d.Value, created.Value } };
        await DialogService.ShowAsync<TokenCreatedDialog>("Token created", parameters, new DialogOptions { BackdropClick = false, MaxWidth = MaxWidth.Medium, FullWidth = true });
    }

    private async Task RevokeAsync(AccessTokenInfo token)
    {
        var answer = await DialogService.ShowMessageBoxAsync(
            new MessageBoxOptions { Title = "Revoke token", Message = $"Revoke token '{token.Name}'? Scripts using it stop working at once.", YesText = "Revoke", CancelText = "Cancel" },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall });
        if (answer == true)
        {
            await ViewModel.RevokeAsync(CurrentUser, token.Id, PageToken);
            Snackbar.Add($"Token '{token.Name}' revoked.", Severity.Success);
        }
    }
}
