using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Create (<c>/apis/new</c>) or edit an API; service field errors appear next to the fields.</summary>
public sealed partial class ApiEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal ApiEditViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await ViewModel.LoadAsync(Id, PageToken);
        _loaded = true;
    }

    private string BackendName(int id) => ViewModel.Backends.FirstOrDefault(b => b.Id == id)?.Name ?? "";

    private async Task SaveAsync()
    {
        var saved = await ViewModel.SaveAsync(CurrentUser.Actor, PageToken);
        if (saved is not null)
        {
            Snackbar.Add($"API '{saved.Name}' {saved.Version} saved.", Severity.Success);
            Navigation.NavigateTo($"/apis/{saved.Id}");
        }
    }
}
