using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Controls;

/// <summary>
/// Base of the group and scope details pages: opens and searches the member picker, adds the picked members, removes
/// one, and deletes the item with a second confirmation when holders' memberships block the delete.
/// </summary>
/// <typeparam name="TItem">The item shown (a group or a scope).</typeparam>
/// <typeparam name="TCandidate">What the picker offers as members (APIs or groups).</typeparam>
public abstract class MembershipDetailsPage<TItem, TCandidate> : ConsolePageBase
    where TItem : class
{
    [Parameter]
    public int Id { get; set; }

    /// <summary>True while a write runs (write buttons are disabled).</summary>
    protected bool Busy { get; private set; }

    protected bool PickerOpen { get; private set; }

    /// <summary>What the item is called in messages, e.g. "API group".</summary>
    protected abstract string Noun { get; }

    /// <summary>The item's name, or null before it is loaded.</summary>
    protected abstract string? ItemName { get; }

    /// <summary>Where the page goes after a delete.</summary>
    protected abstract string ListPath { get; }

    /// <summary>How many memberships (held by clients or scopes) block a delete.</summary>
    protected abstract int HolderCount { get; }

    private protected abstract MembershipDetailsViewModel<TItem, TCandidate> Model { get; }

    protected abstract string AddedMessage(int count);

    protected abstract string RemovedMessage();

    protected override async Task OnParametersSetAsync() => await Model.LoadAsync(Id, PageToken);

    protected async Task TogglePickerAsync()
    {
        PickerOpen = !PickerOpen;
        if (PickerOpen)
        {
            await Model.SearchCandidatesAsync(PageToken);
        }
    }

    protected void ClosePicker() => PickerOpen = false;

    protected async Task PickerSearchAsync(string? value)
    {
        Model.PickerSearch = value;
        await Model.SearchCandidatesAsync(PageToken);
    }

    protected void Pick(int candidateId, bool picked)
    {
        if (picked)
        {
            Model.Picked.Add(candidateId);
        }
        else
        {
            Model.Picked.Remove(candidateId);
        }
    }

    protected Task AddPickedAsync()
    {
        var count = Model.Picked.Count;
        return RunAsync(() => Model.AddPickedAsync(CurrentUser.Actor, PageToken), AddedMessage(count));
    }

    protected Task RemoveMemberAsync(Func<Task<bool>> remove) => RunAsync(remove, RemovedMessage());

    protected async Task DeleteAsync()
    {
        if (ItemName is not { } name || !await ConfirmDeleteAsync($"Delete {Noun} {name}"))
        {
            return;
        }

        Busy = true;
        try
        {
            var deleted = await Model.DeleteAsync(false, CurrentUser.Actor, PageToken);
            if (!deleted && Model.DeleteBlockedByMemberships
                && await MembershipPrompt.ConfirmRemoveAsync(DialogService, Model.Error ?? "", HolderCount))
            {
                deleted = await Model.DeleteAsync(true, CurrentUser.Actor, PageToken);
            }

            if (deleted)
            {
                Snackbar.Add($"{Noun} '{name}' deleted.", Severity.Success);
                Navigation.NavigateTo(ListPath);
            }
            else
            {
                Snackbar.Add(Model.Error ?? $"The {Noun} could not be deleted.", Severity.Error);
            }
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task RunAsync(Func<Task<bool>> action, string success)
    {
        Busy = true;
        try
        {
            if (await action())
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        finally
        {
            Busy = false;
        }
    }
}
