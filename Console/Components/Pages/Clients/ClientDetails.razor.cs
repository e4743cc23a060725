using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Read-only view of one API client, with a link to its security page and a confirmed delete.</summary>
public sealed partial class ClientDetails : ConsolePageBase
{
    private bool _deleting;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ClientDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task DeleteAsync()
    {
        if (ViewModel.Client is not { } client || !await ConfirmDeleteAsync($"Delete API client {client.ClientId}"))
        {
            return;
        }

        _deleting = true;
        try
        {
            if (await ViewModel.DeleteAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"API client '{client.ClientId}' deleted.", Severity.Success);
                Navigation.NavigateTo("/clients");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The client could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _deleting = false;
        }
    }
}
