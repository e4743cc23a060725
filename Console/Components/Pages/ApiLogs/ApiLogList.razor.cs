using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.ApiLogs;

/// <summary>
/// The API Logs page: the call log newest first with filters, a live tail that checks for new rows every
/// <see cref="RefreshIntervalMs"/> (one tiny query for the newest id; the page reloads only when it changed), a
/// pause/resume toggle, and a detail panel per request that explains a rejection.
/// </summary>
public sealed partial class ApiLogList : ConsolePageBase
{
    /// <summary>Rows loaded per page.</summary>
    public const int PageSize = 100;

    private IReadOnlyList<CallLogApiOption> _apis = [];
    private List<CallLogEntry> _items = [];
    private long? _nextBefore;
    private CallLogEntry? _selected;
    private bool _live = true;
    private bool _loading;
    private long _latestSeen = -1;
    private string? _error;
    private DateTimeOffset? _updatedAt;
    private Timer? _timer;

    [Inject]
    internal CallLogService Calls { get; init; } = default!;

    [Inject]
    internal TimeProvider Time { get; init; } = default!;

    /// <summary>How often the live tail looks for new calls, in milliseconds.</summary>
    [Parameter]
    public int RefreshIntervalMs { get; set; } = 2000;

    internal ApiLogFilter Filter { get; } = new();

    internal IReadOnlyList<CallLogEntry> Items => _items;

    internal bool IsLive => _live;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _apis = await Calls.ApiOptionsAsync(PageToken);
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            var interval = TimeSpan.FromMilliseconds(Math.Max(100, RefreshIntervalMs));
            _timer = new Timer(_ => _ = InvokeAsync(TickAsync), null, interval, interval);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
            _timer = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>One live-tail step: reload when the log has a newer row than the last load saw.</summary>
    internal async Task TickAsync()
    {
        if (!_live || _loading || PageToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var latest = await Calls.LatestIdAsync(PageToken);
            if (latest == _latestSeen)
            {
                return;
            }

            await ReloadAsync();
            StateHasChanged();
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (ObjectDisposedException)
        {
            // The page went away.
        }
    }

    private async Task ReloadAsync()
    {
        _loading = true;
        try
        {
            var latest = await Calls.LatestIdAsync(PageToken);
            var page = await Calls.ListAsync(Filter.ToQuery(Time.GetUtcNow(), PageSize), PageToken);
            _items = [.. page.Items];
            _nextBefore = page.NextBefore;
            _latestSeen = latest;
            _updatedAt = Time.GetUtcNow();
            _error = null;
        }
        catch (ServiceValidationException ex)
        {
            _error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadOlderAsync()
    {
        if (_nextBefore is not { } before)
        {
            return;
        }

        var page = await Calls.ListAsync(Filter.ToQuery(Time.GetUtcNow(), PageSize, before), PageToken);
        _items.AddRange(page.Items);
        _nextBefore = page.NextBefore;
    }

    private async Task ApplyAsync()
    {
        _selected = null;
        await ReloadAsync();
    }

    private async Task ClearAsync()
    {
        Filter.Clear();
        await ApplyAsync();
    }

    private async Task ToggleLiveAsync()
    {
        _live = !_live;
        if (_live)
        {
            await ReloadAsync();
        }
    }

    private void Select(CallLogEntry? entry) => _selected = entry;

    private void CloseDetails() => _selected = null;

    private static Color StatusColor(int status) => (status / 100) switch
    {
        2 => Color.Success,
        3 => Color.Info,
        4 => Color.Warning,
        5 => Color.Error,
        _ => Color.Default,
    };
}
