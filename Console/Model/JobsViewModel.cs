using ApiManager.Admin.Jobs;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>State and actions of the Scheduled jobs page.</summary>
internal sealed class JobsViewModel(ScheduledJobService jobs)
{
    public IReadOnlyList<ScheduledJobInfo> Jobs { get; private set; } = [];

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken) => Jobs = await jobs.ListAsync(cancellationToken);

    /// <summary>Fires a job now and reloads the list; refused unless <paramref name="user"/> may write.</summary>
    public async Task<bool> RunNowAsync(ConsoleUser user, string jobKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanWrite)
        {
            SetNotice("Only administrators can run a job.", true);
            return false;
        }

        try
        {
            await jobs.RunNowAsync(jobKey, user.Actor, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            SetNotice($"Job '{jobKey}' does not exist.", true);
            return false;
        }

        SetNotice($"Job '{jobKey}' was started; its result appears below when it finishes.", false);
        await LoadAsync(cancellationToken);
        return true;
    }

    private void SetNotice(string text, bool isError)
    {
        Notice = text;
        NoticeIsError = isError;
    }
}
