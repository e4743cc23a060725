using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.MailLog;

/// <summary>Send attempts, the outbox and the "send test mail" action.</summary>
public sealed partial class MailLog : ConsolePageBase
{
    private bool _busy;

    [Inject]
    internal MailLogViewModel ViewModel { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await ViewModel.LoadAsync(PageToken);
    }

    private async Task QueueTestMailAsync()
    {
        _busy = true;
        try
        {
            await ViewModel.QueueTestMailAsync(CurrentUser, PageToken);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ResultChangedAsync(MailLogResultFilter value)
    {
        ViewModel.Result = value;
        return ViewModel.SearchAsync(PageToken);
    }

    private Task KeywordChangedAsync(string? value)
    {
        ViewModel.Keyword = value;
        return ViewModel.SearchAsync(PageToken);
    }

    private Task LogPageChangedAsync(int page)
    {
        ViewModel.LogPage = page;
        return ViewModel.LoadLogAsync(PageToken);
    }

    private Task OutboxPageChangedAsync(int page)
    {
        ViewModel.OutboxPage = page;
        return ViewModel.LoadOutboxAsync(PageToken);
    }

    private Task RefreshAsync() => ViewModel.LoadAsync(PageToken);

    private void ClearNotice() => ViewModel.ClearNotice();
}
