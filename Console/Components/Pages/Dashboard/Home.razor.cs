using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Dashboard;

/// <summary>Counts, the live gateway snapshot (refreshed when it changes) and the listener addresses.</summary>
public sealed partial class Home : ConsolePageBase
{
    private bool _loaded;

    [Inject]
    internal DashboardViewModel ViewModel { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadAsync(PageToken);
        _loaded = true;
        ViewModel.Runtime.Changed += OnRuntimeChanged;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ViewModel.Runtime.Changed -= OnRuntimeChanged;
        }

        base.Dispose(disposing);
    }

    private void OnRuntimeChanged() => _ = InvokeAsync(async () =>
    {
        try
        {
            await ViewModel.LoadAsync(PageToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        StateHasChanged();
    });
}
