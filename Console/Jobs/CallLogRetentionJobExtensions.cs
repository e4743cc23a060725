using ApiManager.Admin.Jobs;
using Quartz;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Registers the hourly call log retention job with the scheduler.</summary>
internal static class CallLogRetentionJobExtensions
{
    public static IQuartzBuilder AddCallLogRetention(this IQuartzBuilder quartz)
    {
        quartz.AddJob<CallLogRetentionJob>(j => j
            .WithIdentity(CallLogRetentionJob.Key)
            .WithDescription("Deletes call log rows older than CallLog:RetentionDays (default 7), in chunks."));
        quartz.AddTrigger<CallLogRetentionJob>(t => t
            .ForJob(CallLogRetentionJob.Key)
            .WithIdentity("call-log-retention-hourly", JobsExtensions.Group)
            .WithCronSchedule(CallLogRetentionJob.Cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        return quartz;
    }
}
