using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Create (<c>/clients/new</c>, with password) or edit an API client; service field errors appear next to the fields.</summary>
public sealed partial class ClientEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal ClientEditViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await ViewModel.LoadAsync(Id, PageToken);
        _loaded = true;
    }

    private static Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(ClientEditViewModel.SearchTimeZones(text));

    private async Task SaveAsync()
    {
        var saved = await ViewModel.SaveAsync(CurrentUser.Actor, PageToken);
        if (saved is not null)
        {
            Snackbar.Add($"API client '{saved.ClientId}' saved.", Severity.Success);
            Navigation.NavigateTo($"/clients/{saved.Id}");
        }
    }
}
