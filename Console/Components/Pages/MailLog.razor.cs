using System.Globalization;
using System.Security.Claims;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApiManager.Admin.Components.Pages;

/// <summary>Send attempts, the outbox and the "send test mail" action.</summary>
public sealed partial class MailLog : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ClaimsPrincipal _user = new();
    private bool _canWrite;
    private bool _busy;

    [Inject]
    internal MailLogViewModel ViewModel { get; init; } = null!;

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

    private async Task QueueTestMailAsync()
    {
        _busy = true;
        try
        {
            await ViewModel.QueueTestMailAsync(_user, _disposed.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ResultChangedAsync(MailLogResultFilter value)
    {
        ViewModel.Result = value;
        return ViewModel.SearchAsync(_disposed.Token);
    }

    private Task KeywordChangedAsync(string? value)
    {
        ViewModel.Keyword = value;
        return ViewModel.SearchAsync(_disposed.Token);
    }

    private Task LogPageChangedAsync(int page)
    {
        ViewModel.LogPage = page;
        return ViewModel.LoadLogAsync(_disposed.Token);
    }

    private Task OutboxPageChangedAsync(int page)
    {
        ViewModel.OutboxPage = page;
        return ViewModel.LoadOutboxAsync(_disposed.Token);
    }

    private Task RefreshAsync() => ViewModel.LoadAsync(_disposed.Token);

    private void ClearNotice() => ViewModel.ClearNotice();

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
