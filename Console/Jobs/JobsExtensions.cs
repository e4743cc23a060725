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

            q.AddJob<JobRunCleanupJob>(j => j
                .WithIdentity(JobRunCleanupJob.Key)
                .WithDescription("Deletes job run records older than 30 days."));
            q.AddTrigger<JobRunCleanupJob>(t => t
                .ForJob(JobRunCleanupJob.Key)
                .WithIdentity("job-run-cleanup-daily", Group)
                .WithCronSchedule(CleanupCron, c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<TokenExpiryJob>(j => j
                .WithIdentity(TokenExpiryJob.Key)
                .WithDescription("Marks expired X-Api-Keys and signed keys, mails one reminder per key before it expires, deletes expired token records."));
            q.AddTrigger<TokenExpiryJob>(t => t
                .ForJob(TokenExpiryJob.Key)
                .WithIdentity("token-expiry-hourly", Group)
                .WithCronSchedule(TokenExpiryCron, c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<QuotaResetJob>(j => j
                .WithIdentity(QuotaResetJob.Key)
                .WithDescription("Resets stored API quota usage whose period ended in the client's time zone."));
            // Starts after now: a clock standing on a whole minute (tests) must not fire it at once.
            q.AddTrigger<QuotaResetJob>((sp, t) => t
                .ForJob(QuotaResetJob.Key)
                .WithIdentity("quota-reset-minutely", Group)
                .StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(1))
                .WithCronSchedule(QuotaResetJob.Cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddCallLogRetention();
        });
        return services;
    }
}
