using ApiManager.Gateway.CallLog;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>Deletes call log rows older than <c>CallLog:RetentionDays</c> (<see cref="CallLogRetention"/>), hourly.</summary>
[DisallowConcurrentExecution]
internal sealed class CallLogRetentionJob(CallLogRetention retention) : IJob
{
    public static readonly JobKey Key = new("call-log-retention", JobsExtensions.Group);

    /// <summary>At minute 25 of every hour (UTC).</summary>
    public const string Cron = "0 25 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = await retention.DeleteExpiredAsync(cancellationToken);
        context.Result = $"Deleted {deleted} call log rows.";
    }
}
