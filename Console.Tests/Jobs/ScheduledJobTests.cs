using ApiManager.Admin.Jobs;
using ApiManager.Admin.Tests.Mail;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Jobs;
using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>The jobs on a real in-memory Quartz scheduler, configured as the console configures it.</summary>
public sealed class ScheduledJobTests
{
    private static readonly Dictionary<string, string?> Smtp = new() { ["Host"] = "127.0.0.1", ["MaxAttempts"] = "5" };
    private static readonly string MailJob = JobRunListener.JobName(MailOutboxJob.Key);
    private static readonly string CleanupJob = JobRunListener.JobName(JobRunCleanupJob.Key);
    private static readonly string ExpiryJob = JobRunListener.JobName(TokenExpiryJob.Key);
    private static readonly string RetentionJob = JobRunListener.JobName(CallLogRetentionJob.Key);

    [Fact]
    public async Task TriggerJob_MailJobSucceeds_RunRecordedAsSucceeded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Via Quartz", "Body", false, ct);
        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(MailOutboxJob.Key, ct);
        var runs = await host.WaitForJobRunsAsync(MailJob, 1, ct);

        // Assert
        var run = Assert.Single(runs);
        Assert.True(run.Succeeded, run.Message);
        Assert.Equal("Sent 1, failed 0 (retrying 0, gave up 0); 0 waiting.", run.Message);
        Assert.Equal("Via Quartz", Assert.Single(host.Transport!.Sent).Subject);
        Assert.True(run.FinishedAt >= run.StartedAt);
    }

    [Fact]
    public async Task TriggerJob_MailJobFails_RunRecordedAsFailedWithMessage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Doomed", "Body", false, ct);
        host.Transport!.FailWith = "Connection refused";
        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(MailOutboxJob.Key, ct);
        var runs = await host.WaitForJobRunsAsync(MailJob, 1, ct);

        // Assert
        var run = Assert.Single(runs);
        Assert.False(run.Succeeded);
        Assert.Equal("Sent 0, failed 1 (retrying 1, gave up 0); 1 waiting.", run.Message);
    }

    [Fact]
    public async Task TriggerJob_CleanupJob_DeletesRunsOlderThan30Days()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        var recorder = host.Services.GetRequiredService<JobRunRecorder>();
        var now = host.Time.GetUtcNow().UtcDateTime;
        await recorder.RecordAsync("old", now.AddDays(-31), now.AddDays(-31), true, null, ct);
        await recorder.RecordAsync("recent", now.AddDays(-29), now.AddDays(-29), true, null, ct);
        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(JobRunCleanupJob.Key, ct);
        var runs = await host.WaitForJobRunsAsync(CleanupJob, 1, ct);

        // Assert
        Assert.Equal("Deleted 1 job run(s) older than 30 days.", Assert.Single(runs).Message);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(["recent", CleanupJob], await db.JobRuns.OrderBy(r => r.Id).Select(r => r.JobName).ToListAsync(ct));
    }

    [Fact]
    public async Task TriggerJob_TokenExpiryJob_MarksExpiredKeyAndRecordsResult()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        var now = host.Time.GetUtcNow().UtcDateTime;
        await using (var db = await host.DbAsync(ct))
        {
            var level = await db.SecurityLevels.FirstAsync(ct);
            var client = new ApiClient { ClientId = "expiring", ClientName = "expiring", DisplayName = "Expiring", PasswordHash = "x", Note = string.Empty, SecurityLevelId = level.Id, Emails = "ops@example.com" };
            db.ApiClients.Add(client);
            await db.SaveChangesAsync(ct);
            db.ClientXApiKeys.Add(new ClientXApiKey { ApiClientId = client.Id, Alias = "gone", KeyHash = new string('A', 64), Mask = "abc...xyz", ExpiresAt = now.AddHours(-1), CreatedAt = now.AddDays(-90), CreatedBy = "tester" });
            db.ClientXApiKeys.Add(new ClientXApiKey { ApiClientId = client.Id, Alias = "soon", KeyHash = new string('B', 64), Mask = "def...uvw", ExpiresAt = now.AddDays(3), CreatedAt = now.AddDays(-90), CreatedBy = "tester" });
            await db.SaveChangesAsync(ct);
        }

        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(TokenExpiryJob.Key, ct);
        var runs = await host.WaitForJobRunsAsync(ExpiryJob, 1, ct);

        // Assert
        var run = Assert.Single(runs);
        Assert.True(run.Succeeded);
        Assert.Equal("Marked 1 X-Api-Key(s) and 0 signed key(s) expired; queued 1 expiry reminder(s); deleted 0 expired token record(s).", run.Message);
        await using var check = await host.DbAsync(ct);
        Assert.Equal(XApiKeyStatus.Expired, (await check.ClientXApiKeys.SingleAsync(k => k.Alias == "gone", ct)).Status);
        Assert.Contains(await check.OutboxMails.ToListAsync(ct), m => m.Subject.Contains("'soon'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_ConfiguredScheduler_ListsEveryJobWithTriggersAndFireTimes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        var service = host.Services.GetRequiredService<ScheduledJobService>();

        // Act
        var jobs = await service.ListAsync(ct);

        // Assert
        Assert.Equal([RetentionJob, CleanupJob, MailJob, "system.quota-reset", ExpiryJob], jobs.Select(j => j.Key));
        Assert.Equal("Cron '0 25 * * * ?' (UTC)", jobs[0].Trigger);
        Assert.Equal("Cron '0 * * * * ?' (UTC)", jobs[3].Trigger);
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 8, 1, 0, TimeSpan.Zero), jobs[3].NextFireUtc);
        Assert.Equal("Cron '0 5 * * * ?' (UTC)", jobs[4].Trigger);
        var cleanup = jobs[1];
        Assert.Equal("Cron '0 15 3 * * ?' (UTC)", cleanup.Trigger);
        Assert.NotNull(cleanup.NextFireUtc);
        Assert.Equal(new TimeOnly(3, 15), TimeOnly.FromTimeSpan(cleanup.NextFireUtc.Value.UtcDateTime.TimeOfDay));
        var mail = jobs[2];
        Assert.Equal("Every 1 h", mail.Trigger);
        Assert.False(string.IsNullOrEmpty(mail.Description));
        Assert.NotNull(mail.NextFireUtc);
        Assert.Null(mail.PreviousFireUtc);
        Assert.Null(mail.LastRun);
    }

    [Fact]
    public async Task RunNowAsync_KnownJob_ExecutesAndAppearsAsLastRun()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        var service = host.Services.GetRequiredService<ScheduledJobService>();

        // Act
        await service.RunNowAsync(MailJob, new Actor("admin", "console"), ct);
        await host.WaitForJobRunsAsync(MailJob, 1, ct);
        var jobs = await service.ListAsync(ct);

        // Assert
        var mail = Assert.Single(jobs, j => j.Key == MailJob);
        Assert.NotNull(mail.LastRun);
        Assert.True(mail.LastRun.Succeeded);
        Assert.Contains("SMTP not configured", mail.LastRun.Message);
        await using var db = await host.DbAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(ct);
        Assert.Equal(("Job", MailJob, "RunNow"), (audit.EntityType, audit.EntityId, audit.Action));
    }

    [Theory]
    [InlineData("system.no-such-job")]
    [InlineData("")]
    public async Task RunNowAsync_UnknownJob_ThrowsNotFound(string key)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        var service = host.Services.GetRequiredService<ScheduledJobService>();

        // Act
        var act = () => service.RunNowAsync(key, new Actor("admin", "console"), ct);

        // Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(act);
    }

    [Fact]
    public async Task TriggerJob_TwoHostsInOneProcess_SchedulersStayIndependent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var first = await MailTestHost.CreateAsync(cancellationToken: ct);
        await using var second = await MailTestHost.CreateAsync(cancellationToken: ct);
        var firstScheduler = await first.StartSchedulerAsync(ct);
        var secondScheduler = await second.StartSchedulerAsync(ct);

        // Act
        await firstScheduler.TriggerJob(JobRunCleanupJob.Key, ct);
        await first.WaitForJobRunsAsync(CleanupJob, 1, ct);
        await Task.Delay(200, ct);

        // Assert
        Assert.NotSame(firstScheduler, secondScheduler);
        await using var db = await second.DbAsync(ct);
        Assert.Equal(0, await db.JobRuns.CountAsync(ct));
    }

    [Fact]
    public void Describe_WrappedException_ShowsTypeAndMessage()
    {
        // Arrange
        var exception = new JobExecutionException(new InvalidOperationException("database is locked"));

        // Act
        var text = JobRunListener.Describe(exception);

        // Assert
        Assert.Equal("InvalidOperationException: database is locked", text);
    }

    [Theory]
    [InlineData(10, "Every 10 s")]
    [InlineData(90, "Every 90 s")]
    [InlineData(120, "Every 2 min")]
    [InlineData(86400, "Every 1 d")]
    public void DescribeTrigger_SimpleTrigger_ReadableInterval(int seconds, string expected)
    {
        // Arrange
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity("t")
            .ForJob("j")
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(seconds)).RepeatForever())
            .Build();

        // Act
        var text = ScheduledJobService.DescribeTrigger(trigger);

        // Assert
        Assert.Equal(expected, text);
    }
}
