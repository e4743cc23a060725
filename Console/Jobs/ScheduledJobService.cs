using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Jobs;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>Reads the in-process Quartz scheduler (jobs, triggers, fire times) joined with the recorded runs; runs a job now.</summary>
internal sealed class ScheduledJobService(ISchedulerFactory schedulerFactory, JobRunRecorder recorder, AuditRecorder audit)
{
    /// <summary>Entity name used in audit rows.</summary>
    public const string EntityName = "Job";

    public async Task<IReadOnlyList<ScheduledJobInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken);
        var lastRuns = await recorder.LastRunsAsync(keys.Select(JobRunListener.JobName), cancellationToken);
        var result = new List<ScheduledJobInfo>(keys.Count);
        foreach (var key in keys.OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var detail = await scheduler.GetJobDetail(key, cancellationToken);
            var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken);
            var recurring = triggers.Where(t => !IsOneOff(t)).ToList();
            var shown = recurring.Count > 0 ? recurring : triggers;
            result.Add(new ScheduledJobInfo(
                JobRunListener.JobName(key),
                key.Name,
                key.Group,
                detail?.Description,
                shown.Count == 0 ? "No trigger" : string.Join("; ", shown.Select(DescribeTrigger)),
                triggers.Max(t => t.PreviousFireTimeUtc),
                triggers.Min(t => t.NextFireTimeUtc),
                lastRuns.GetValueOrDefault(JobRunListener.JobName(key))));
        }

        return result;
    }

    /// <summary>Fires the job once, now; refused for an unknown job.</summary>
    public async Task RunNowAsync(string jobKey, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(jobKey) || !JobKey.TryParse(jobKey, out var key))
        {
            throw new EntityNotFoundException(EntityName, jobKey ?? "");
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            throw new EntityNotFoundException(EntityName, jobKey);
        }

        await scheduler.TriggerJob(key, cancellationToken);
        await audit.RecordAsync(actor, new AuditChange(EntityName, jobKey, "RunNow", null, null), cancellationToken);
    }

    internal static string DescribeTrigger(ITrigger trigger) => trigger switch
    {
        ICronTrigger cron => $"Cron '{cron.CronExpressionString}' ({cron.TimeZone.Id})",
        ISimpleTrigger simple when IsOneOff(simple) => "Once",
        ISimpleTrigger simple => "Every " + DescribeInterval(simple.RepeatInterval),
        _ => trigger.GetType().Name,
    };

    internal static string DescribeInterval(TimeSpan interval) => interval switch
    {
        { TotalDays: >= 1 } when interval.TotalDays % 1 == 0 => $"{interval.TotalDays:0} d",
        { TotalHours: >= 1 } when interval.TotalHours % 1 == 0 => $"{interval.TotalHours:0} h",
        { TotalMinutes: >= 1 } when interval.TotalMinutes % 1 == 0 => $"{interval.TotalMinutes:0} min",
        _ => $"{interval.TotalSeconds:0.###} s",
    };

    private static bool IsOneOff(ITrigger trigger) => trigger is ISimpleTrigger { RepeatCount: 0 };
}
