using ApiManager.Gateway.Common;
using ApiManager.Gateway.Mail;

namespace ApiManager.Admin.Model;

/// <summary>State and actions of the Mail log page: attempts (filtered, paged), the outbox, and the test mail.</summary>
internal sealed class MailLogViewModel(MailOutboxService outbox)
{
    public const int PageSize = 20;

    public MailLogResultFilter Result { get; set; } = MailLogResultFilter.All;

    public string? Keyword { get; set; }

    public int LogPage { get; set; } = 1;

    public int OutboxPage { get; set; } = 1;

    public PagedResult<MailLogEntry> Log { get; private set; } = new([], 0, 1, PageSize);

    public PagedResult<OutboxMailSummary> Outbox { get; private set; } = new([], 0, 1, PageSize);

    public int LogPageCount => PageCount(Log.Total);

    public int OutboxPageCount => PageCount(Outbox.Total);

    /// <summary>False when <c>Mail:Host</c> is empty: the page shows that mails stay queued.</summary>
    public bool IsConfigured => outbox.IsConfigured;

    public string TestRecipient { get; set; } = "";

    public string? TestRecipientError { get; private set; }

    /// <summary>Outcome of the last action, for a snackbar or alert.</summary>
    public string? Notice { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadLogAsync(cancellationToken);
        await LoadOutboxAsync(cancellationToken);
    }

    public async Task LoadLogAsync(CancellationToken cancellationToken)
    {
        var succeeded = Result switch
        {
            MailLogResultFilter.Sent => true,
            MailLogResultFilter.Failed => false,
            _ => (bool?)null,
        };
        Log = await outbox.ListLogAsync(new MailLogFilter(succeeded, Keyword), new PageRequest(LogPage, PageSize), cancellationToken);
        if (Log.Items.Count == 0 && LogPage > 1 && LogPage > LogPageCount)
        {
            LogPage = Math.Max(1, LogPageCount);
            Log = await outbox.ListLogAsync(new MailLogFilter(succeeded, Keyword), new PageRequest(LogPage, PageSize), cancellationToken);
        }
    }

    public async Task LoadOutboxAsync(CancellationToken cancellationToken)
    {
        Outbox = await outbox.ListOutboxAsync(null, new PageRequest(OutboxPage, PageSize), cancellationToken);
    }

    /// <summary>Applies the filters from page 1.</summary>
    public Task SearchAsync(CancellationToken cancellationToken)
    {
        LogPage = 1;
        return LoadLogAsync(cancellationToken);
    }

    /// <summary>Queues a test mail to <see cref="TestRecipient"/>; false with an error otherwise, or when <paramref name="user"/> may not write.</summary>
    public async Task<bool> QueueTestMailAsync(ConsoleUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        TestRecipientError = null;
        Notice = null;
        if (!user.CanWrite)
        {
            Notice = "Only administrators can send a test mail.";
            return false;
        }

        try
        {
            var mail = await outbox.QueueTestMailAsync(TestRecipient, user.Actor, cancellationToken);
            Notice = IsConfigured
                ? $"Test mail to {mail.To} queued; the mail job sends it within a few seconds."
                : $"Test mail to {mail.To} queued, but SMTP is not configured (Mail:Host is empty): it stays queued.";
            TestRecipient = "";
        }
        catch (ServiceValidationException ex)
        {
            TestRecipientError = string.Join(" ", ex.Errors.Where(e => e.Key == "to").SelectMany(e => e.Value).DefaultIfEmpty(ex.Message));
            return false;
        }

        OutboxPage = 1;
        await LoadOutboxAsync(cancellationToken);
        return true;
    }

    public void ClearNotice() => Notice = null;

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);
}
