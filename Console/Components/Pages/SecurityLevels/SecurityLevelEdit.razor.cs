using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.SecurityLevels;

/// <summary>Create (<c>/security-levels/new</c>) or edit a security level; service field errors appear next to the fields.</summary>
public sealed partial class SecurityLevelEdit : ConsolePageBase
{
    private bool _loaded;

    [Parameter]
    public int? Id { get; set; }

    [Inject]
    internal SecurityLevelEditViewModel ViewModel { get; init; } = default!;

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
            Snackbar.Add($"Security level '{saved.Code}' saved.", Severity.Success);
            Navigation.NavigateTo($"/security-levels/{saved.Id}");
        }
    }
}
