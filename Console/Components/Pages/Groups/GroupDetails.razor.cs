using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>
/// One API group: its settings, its APIs (added through a searchable picker, removed one by one) and who holds it; a
/// confirmed delete that, when clients or scopes hold the group, offers to remove those memberships too.
/// </summary>
public sealed partial class GroupDetails : ConsolePageBase
{
    private bool _busy;
    private bool _pickerOpen;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ApiGroupDetailsViewModel ViewModel { get; init; } = default!;

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

    private void Pick(int apiId, bool picked)
    {
        if (picked)
        {
            ViewModel.Picked.Add(apiId);
        }
        else
        {
            ViewModel.Picked.Remove(apiId);
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
                Snackbar.Add($"{count} API(s) added.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RemoveApiAsync(int apiId)
    {
        _busy = true;
        try
        {
            if (await ViewModel.RemoveApiAsync(apiId, CurrentUser.Actor, PageToken))
            {
                Snackbar.Add("API removed from the group.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (ViewModel.Group is not { } group || !await ConfirmDeleteAsync($"Delete API group {group.Name}"))
        {
            return;
        }

        _busy = true;
        try
        {
            var deleted = await ViewModel.DeleteAsync(false, CurrentUser.Actor, PageToken);
            if (!deleted && ViewModel.DeleteBlockedByMemberships
                && await MembershipPrompt.ConfirmRemoveAsync(DialogService, ViewModel.Error ?? "", ViewModel.Usage.Count))
            {
                deleted = await ViewModel.DeleteAsync(true, CurrentUser.Actor, PageToken);
            }

            if (deleted)
            {
                Snackbar.Add($"API group '{group.Name}' deleted.", Severity.Success);
                Navigation.NavigateTo("/groups");
            }
            else
            {
                Snackbar.Add(ViewModel.Error ?? "The API group could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
