using System.Security.Claims;
using ApiManager.Admin.Account;
using ApiManager.Admin.Jobs;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Authorization;

namespace ApiManager.Admin.Model;

/// <summary>State and actions of the Scheduled jobs page.</summary>
internal sealed class JobsViewModel(ScheduledJobService jobs, IAuthorizationService authorization)
{
    public IReadOnlyList<ScheduledJobInfo> Jobs { get; private set; } = [];

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken) => Jobs = await jobs.ListAsync(cancellationToken);

    public async Task<bool> CanWriteAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AdminPolicies.Write)).Succeeded;

    /// <summary>Fires a job now (Administrators only) and reloads the list.</summary>
    public async Task<bool> RunNowAsync(ClaimsPrincipal user, string jobKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await CanWriteAsync(user))
        {
            SetNotice("Only administrators can run a job.", true);
            return false;
        }

        try
        {
            await jobs.RunNowAsync(jobKey, ConsoleActor.From(user), cancellationToken);
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
