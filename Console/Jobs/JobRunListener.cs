using ApiManager.Gateway.Jobs;
using Quartz;
using Quartz.Extensibility;

namespace ApiManager.Admin.Jobs;

/// <summary>Records every job execution (start, end, result, message) as a <see cref="JobRun"/>.</summary>
internal sealed partial class JobRunListener(JobRunRecorder recorder, TimeProvider timeProvider, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "job-run-recorder";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finished = timeProvider.GetUtcNow().UtcDateTime;
        var started = finished - (context.JobRunTime > TimeSpan.Zero ? context.JobRunTime : TimeSpan.Zero);
        var message = jobException is null ? context.Result?.ToString() : Describe(jobException);
        var jobName = JobName(context.JobDetail.Key);
        try
        {
            // Record even while the host stops: the run happened.
            await recorder.RecordAsync(jobName, started, finished, jobException is null, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.RecordFailed(logger, ex, jobName);
        }
    }

    /// <summary>The name a job's runs are stored under.</summary>
    public static string JobName(JobKey key) => key.ToString();

    internal static string Describe(JobExecutionException exception)
    {
        var root = exception.InnerException ?? exception;
        return root is JobExecutionException ? root.Message : root.GetType().Name + ": " + root.Message;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Could not record the run of job {JobName}")]
        public static partial void RecordFailed(ILogger logger, Exception exception, string jobName);
    }
}
