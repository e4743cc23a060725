using ApiManager.Admin.Jobs;
using ApiManager.Admin.Tests.Mail;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>The quota-reset job through the real scheduler: it resets rows of ended periods once, and nothing more on a rerun.</summary>
public sealed class QuotaResetJobTests
{
    [Fact]
    public async Task RunTwice_RowOfEndedPeriod_ResetOnceToTheCurrentPeriod()
    {
        // Arrange: the host's clock is 2030-01-15 08:00 UTC; the stored row is of 2030-01-14 (UTC days).
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        var client = await host.Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "daily", ClientName = "daily", DisplayName = "daily", Password = "pw", ConfirmPassword = "pw", Note = "n", ApiQuota = 10 },
            Actor.System,
            ct);
        await using (var db = await host.DbAsync(ct))
        {
            db.ClientQuotaUsages.Add(new ClientQuotaUsage { ClientId = client.Id, PeriodStart = new DateTime(2030, 1, 14, 0, 0, 0, DateTimeKind.Utc), Used = 10, UpdatedAt = new DateTime(2030, 1, 14, 23, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync(ct);
        }

        var scheduler = await host.StartSchedulerAsync(ct);

        // Act
        await scheduler.TriggerJob(QuotaResetJob.Key, ct);
        var first = await host.WaitForJobRunsAsync(JobName, 1, ct);
        await scheduler.TriggerJob(QuotaResetJob.Key, ct);
        var both = await host.WaitForJobRunsAsync(JobName, 2, ct);

        // Assert
        await using var check = await host.DbAsync(ct);
        var row = await check.ClientQuotaUsages.AsNoTracking().SingleAsync(ct);
        Assert.Equal(0, row.Used);
        Assert.Equal(new DateTime(2030, 1, 15, 0, 0, 0, DateTimeKind.Utc), row.PeriodStart);
        Assert.Contains(both, r => r.Message == "1 client's quota usage reset");
        Assert.Contains(both, r => r.Message == "0 clients' quota usage reset");
        Assert.Single(first);
    }

    private static string JobName => JobRunListener.JobName(QuotaResetJob.Key);
}
