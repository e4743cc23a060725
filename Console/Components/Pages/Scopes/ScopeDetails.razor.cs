using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Groups;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>
/// One API scope: its groups (added through a searchable picker, removed one by one) and the clients holding it; a
/// confirmed delete that, when clients hold the scope, offers to remove those assignments too.
/// </summary>
public sealed partial class ScopeDetails : ConsolePageBase
{
    private bool _busy;
    private bool _pickerOpen;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ApiScopeDetailsViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await ViewModel.LoadAsync(Id, PageToken);

    private async Task TogglePickerAsync()
    {
        _pickerOpen = !_pickerOpen;
        if (_pickerOpen)
        {
            await ViewModel.SearchCandidatesAsync(PageToken);
        }
    }

    private async Task PickerSearchAsync(string? value)
    {
        ViewModel.PickerSearch = value;
        await ViewModel.SearchCandidatesAsync(PageToken);
    }

    private void Pick(int groupId, bool picked)
    {
        if (picked)
        {
            ViewModel.Picked.Add(groupId);
        }
        else
        {
            ViewModel.Picked.Remove(groupId);
        }
    }

    private async Task AddPickedAsync()
    {
        _busy = true;
        try
        {
            var count = ViewModel.Picked.Count;
            if (await ViewModel.AddPickedAsync(CurrentUser.Actor, PageToken))
            {
                Snackbar.Add($"{count} API group(s) added.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RemoveGroupAsync(int groupId)
    {
        _busy = true;
        try
        {
            if (await ViewModel.RemoveGroupAsync(groupId, CurrentUser.Actor, PageToken))
            {
                Snackbar.Add("API group removed from the scope.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (ViewModel.Scope is not { } scope || !await ConfirmDeleteAsync($"Delete API scope {scope.Name}"))
        {
            return;
        }

        _busy = true;
        try
        {
            var deleted = await ViewModel.DeleteAsync(false, CurrentUser.Actor, PageToken);
            if (!deleted && ViewModel.DeleteBlockedByMemberships
                && await MembershipPrompt.ConfirmRemoveAsync(DialogService, ViewModel.Error ?? "", ViewModel.Clients.Count))
            {
                deleted = await ViewModel.DeleteAsync(true, CurrentUser.Actor, PageToken);
            }

            if (deleted)
            {
                Snackbar.Add($"API scope '{scope.Name}' deleted.", Severity.Success);
                Navigation.NavigateTo("/scopes");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The API scope could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
