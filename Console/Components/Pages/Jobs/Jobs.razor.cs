using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Jobs;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Jobs;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Jobs;

/// <summary>Every Quartz job with its trigger, fire times and last result, refreshed every few seconds; "Run now" for administrators.</summary>
public sealed partial class Jobs : ConsolePageBase
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);
    private bool _busy;
    private PeriodicTimer? _timer;

    [Inject]
    internal JobsViewModel ViewModel { get; init; } = default!;

    [Inject]
    internal TimeProvider TimeProvider { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadAsync(PageToken);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _timer = new PeriodicTimer(RefreshInterval, TimeProvider);
            _ = RefreshLoopAsync(_timer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task RefreshLoopAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(PageToken))
            {
                await InvokeAsync(async () =>
                {
                    await ViewModel.LoadAsync(PageToken);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a refresh was pending.
        }
    }

    private async Task RunNowAsync(ScheduledJobInfo job)
    {
        _busy = true;
        try
        {
            await ViewModel.RunNowAsync(CurrentUser, job.Key, PageToken);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Duration(JobRun run)
    {
        var duration = run.FinishedAt - run.StartedAt;
        return duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.0} s" : $"{duration.TotalMilliseconds:0} ms";
    }
}
