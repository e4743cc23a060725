using ApiManager.Admin.Account;
using ApiManager.Admin.Jobs;
using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Jobs;

public sealed class JobsViewModelTests
{
    private static readonly string MailJob = JobRunListener.JobName(MailOutboxJob.Key);

    [Fact]
    public async Task LoadAsync_RunningScheduler_ListsEveryJob()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<JobsViewModel>();

        // Act
        await model.LoadAsync(ct);

        // Assert
        Assert.Equal(["call-log-retention", "job-run-cleanup", "mail-outbox", "quota-reset", "token-expiry"], model.Jobs.Select(j => j.Name));
        Assert.All(model.Jobs, j => Assert.NotNull(j.NextFireUtc));
    }

    [Fact]
    public async Task RunNowAsync_Administrator_RunsJobAndResultAppearsOnReload()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<JobsViewModel>();

        // Act
        var ok = await model.RunNowAsync(MailTestHost.User("admin", AdminRoles.Administrator), MailJob, ct);
        await host.WaitForJobRunsAsync(MailJob, 1, ct);
        await model.LoadAsync(ct);

        // Assert
        Assert.True(ok);
        Assert.False(model.NoticeIsError);
        var job = Assert.Single(model.Jobs, j => j.Key == MailJob);
        Assert.NotNull(job.LastRun);
        Assert.True(job.LastRun.Succeeded);
    }

    [Fact]
    public async Task RunNowAsync_Operator_RefusedAndJobNotRun()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<JobsViewModel>();

        // Act
        var ok = await model.RunNowAsync(MailTestHost.User("viewer", AdminRoles.Operator), MailJob, ct);
        await Task.Delay(300, ct);

        // Assert
        Assert.False(ok);
        Assert.True(model.NoticeIsError);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, await db.JobRuns.CountAsync(ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(ct));
    }

    [Fact]
    public async Task RunNowAsync_UnknownJob_ErrorNotice()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<JobsViewModel>();

        // Act
        var ok = await model.RunNowAsync(MailTestHost.User("admin", AdminRoles.Administrator), "system.nope", ct);

        // Assert
        Assert.False(ok);
        Assert.True(model.NoticeIsError);
        Assert.Equal("Job 'system.nope' does not exist.", model.Notice);
    }
}
