using MudBlazor;

namespace ApiManager.Admin.Components.Controls;

/// <summary>The second confirmation of a delete refused because memberships hold the item.</summary>
internal static class MembershipPrompt
{
    /// <summary>Asks "Also remove N membership(s)?" showing why the delete was refused; true when confirmed.</summary>
    public static async Task<bool> ConfirmRemoveAsync(IDialogService dialogs, string reason, int count)
    {
        var answer = await dialogs.ShowMessageBoxAsync(
            new MessageBoxOptions { Title = $"Also remove {count} membership(s)?", Message = reason, YesText = "Remove and delete", CancelText = "Cancel" },
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small });
        return answer == true;
    }
}
