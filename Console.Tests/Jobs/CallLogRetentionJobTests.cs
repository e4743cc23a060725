using ApiManager.Admin.Jobs;
using ApiManager.Admin.Tests.Mail;
using ApiManager.Gateway.CallLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>The call-log-retention job on the console's scheduler deletes rows older than the retention days.</summary>
public sealed class CallLogRetentionJobTests
{
    [Fact]
    public async Task TriggerJob_OldAndRecentRows_OldDeletedAndRunRecorded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        var now = host.Time.GetUtcNow();
        var sink = (SqliteCallLogSink)host.Services.GetRequiredService<ICallLogSink>();
        sink.Write([Record(now.AddDays(-8), "old"), Record(now.AddDays(-6), "recent")]);
        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(CallLogRetentionJob.Key, ct);
        var runs = await host.WaitForJobRunsAsync(ApiManager.Admin.Jobs.JobRunListener.JobName(CallLogRetentionJob.Key), 1, ct);

        // Assert
        var run = Assert.Single(runs);
        Assert.True(run.Succeeded, run.Message);
        Assert.Equal("Deleted 1 call log rows.", run.Message);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(["recent"], await db.CallLog.Select(c => c.RequestId).ToListAsync(ct));
    }

    private static CallRecord Record(DateTimeOffset at, string requestId) => new()
    {
        EndedAt = at,
        RequestId = requestId,
        Method = "GET",
        Path = "/x",
        Status = 200,
    };
}
