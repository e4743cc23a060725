using ApiManager.Gateway.Jobs;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>Housekeeping: deletes job runs older than <see cref="JobRunRecorder.Retention"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class JobRunCleanupJob(JobRunRecorder recorder) : IJob
{
    public static readonly JobKey Key = new("job-run-cleanup", JobsExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = await recorder.DeleteExpiredAsync(cancellationToken);
        context.Result = $"Deleted {deleted} job run(s) older than {JobRunRecorder.Retention.TotalDays:0} days.";
    }
}
