using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Controls;

/// <summary>
/// Base of the interactive console pages: resolves the signed-in <see cref="ConsoleUser"/> (write controls are
/// disabled until it is known to be an Administrator) and cancels the page's work when it is disposed.
/// </summary>
public abstract class ConsolePageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    [Inject]
    internal ConsoleUserAccessor UserAccessor { get; init; } = default!;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IDialogService DialogService { get; init; }

    internal ConsoleUser CurrentUser { get; private set; } = ConsoleUser.Anonymous;

    /// <summary>True once the user is known to hold the write role.</summary>
    protected bool CanWrite => CurrentUser.CanWrite;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken PageToken => _cts.Token;

    protected override async Task OnInitializedAsync() => CurrentUser = await UserAccessor.GetAsync();

    /// <summary>Asks "Confirm delete?"; true when the user confirms.</summary>
    protected async Task<bool> ConfirmDeleteAsync(string title)
    {
        var answer = await DialogService.ShowMessageBoxAsync(
            new MessageBoxOptions { Title = title, Message = "Confirm delete?", YesText = "Delete", CancelText = "Cancel" },
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall });
        return answer == true;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cts.Cancel();
            _cts.Dispose();
        }
    }
}
