using ApiManager.Admin.Jobs;
using ApiManager.Admin.Mail;
using ApiManager.Gateway.Jobs;
using ApiManager.Gateway.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Quartz scheduler, mail transport and the jobs that run in-process.</summary>
internal static class JobsExtensions
{
    /// <summary>Quartz group of the product's own jobs.</summary>
    public const string Group = "system";

    /// <summary>Daily at 03:15 UTC.</summary>
    public const string CleanupCron = "0 15 3 * * ?";

    /// <summary>The token-expiry job runs at minute 5 of every hour (UTC): expiry marks and reminders stay within an hour.</summary>
    public const string TokenExpiryCron = "0 5 * * * ?";

    public static WebApplicationBuilder AddMailAndJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddMailAndJobServices(builder.Configuration);
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>Everything but the hosted service that starts the scheduler (tests start it themselves).</summary>
    internal static IServiceCollection AddMailAndJobServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMailOutbox(configuration);
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.TryAddSingleton<JobRunRecorder>();
        services.TryAddSingleton<JobRunListener>();
        services.TryAddSingleton<ScheduledJobService>();

        var mail = configuration.GetSection(MailOptions.SectionName).Get<MailOptions>() ?? new MailOptions();
        var pollInterval = TimeSpan.FromSeconds(Math.Clamp(mail.PollIntervalSeconds, 1, 3600));
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore(_ => { });
            q.UseDefaultThreadPool(2);
            q.AddJobListener<JobRunListener>(sp => sp.GetRequiredService<JobRunListener>(), [GroupMatcher<JobKey>.AnyGroup()]);

            q.AddJob<MailOutboxJob>(j => j
                .WithIdentity(MailOutboxJob.Key)
                .WithDescription("Sends queued mails from the outbox, retrying failed ones with backoff."));
            // First poll one interval after start. Quartz runs on the registered TimeProvider, so tests with a fake clock stay quiet.
            q.AddTrigger<MailOutboxJob>((sp, t) => t
                .ForJob(MailOutboxJob.Key)
                .WithIdentity("mail-outbox-poll", Group)
                .StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow() + pollInterval)
                .WithSimpleSchedule(s => s.WithInterval(pollInterval).RepeatForever()));

            AddUtcCronJob<JobRunCleanupJob>(q, JobRunCleanupJob.Key, "Deletes job run records older than 30 days.", "job-run-cleanup-daily", CleanupCron);
            AddUtcCronJob<TokenExpiryJob>(
                q,
                TokenExpiryJob.Key,
                "Marks expired X-Api-Keys and signed keys, mails one reminder per key before it expires, deletes expired token records.",
                "token-expiry-hourly",
                TokenExpiryCron);
            // Starts after now: a clock standing on a whole minute (tests) must not fire it at once.
            AddUtcCronJob<QuotaResetJob>(
                q,
                QuotaResetJob.Key,
                "Resets stored API quota usage whose period ended in the client's time zone.",
                "quota-reset-minutely",
                QuotaResetJob.Cron,
                startAfterNow: true);
            AddUtcCronJob<CallLogRetentionJob>(
                q,
                CallLogRetentionJob.Key,
                "Deletes call log rows older than CallLog:RetentionDays (default 7), in chunks.",
                "call-log-retention-hourly",
                CallLogRetentionJob.Cron);
        });
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> with one cron trigger in UTC; with <paramref name="startAfterNow"/> the trigger
    /// starts a second after the scheduler's clock, so a clock standing on a fire time does not fire it at once.
    /// </summary>
    private static void AddUtcCronJob<TJob>(IQuartzBuilder q, JobKey key, string description, string triggerName, string cron, bool startAfterNow = false)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).WithDescription(description));
        q.AddTrigger<TJob>((sp, t) =>
        {
            t.ForJob(key)
                .WithIdentity(triggerName, Group)
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc));
            if (startAfterNow)
            {
                t.StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(1));
            }
        });
    }
}
