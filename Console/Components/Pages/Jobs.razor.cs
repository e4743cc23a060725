using System.Globalization;
using System.Security.Claims;
using ApiManager.Admin.Jobs;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApiManager.Admin.Components.Pages;

/// <summary>Every Quartz job with its trigger, fire times and last result; "Run now" for administrators.</summary>
public sealed partial class Jobs : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);
    private readonly CancellationTokenSource _disposed = new();
    private ClaimsPrincipal _user = new();
    private bool _canWrite;
    private bool _busy;
    private PeriodicTimer? _timer;

    [Inject]
    internal JobsViewModel ViewModel { get; init; } = null!;

    [Inject]
    internal TimeProvider TimeProvider { get; init; } = null!;

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _user = (await AuthenticationState).User;
        }

        _canWrite = await ViewModel.CanWriteAsync(_user);
        await ViewModel.LoadAsync(_disposed.Token);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _timer = new PeriodicTimer(RefreshInterval, TimeProvider);
            _ = RefreshLoopAsync(_timer);
        }
    }

    private async Task RefreshLoopAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await ViewModel.LoadAsync(_disposed.Token);
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
            await ViewModel.RunNowAsync(_user, job.Key, _disposed.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Format(DateTimeOffset? utc) =>
        utc is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(JobRun run)
    {
        var duration = run.FinishedAt - run.StartedAt;
        return duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.0} s" : $"{duration.TotalMilliseconds:0} ms";
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _timer?.Dispose();
        _disposed.Dispose();
    }
}
