using ApiManager.Admin.Data;
using ApiManager.Admin.Jobs;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Data;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using JobsPage = ApiManager.Admin.Components.Pages.Jobs.Jobs;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>bUnit render tests of the Scheduled jobs page over a real in-memory scheduler.</summary>
public sealed class JobsPageTests : AdminTestContext
{
    private static readonly string MailJob = JobRunListener.JobName(MailOutboxJob.Key);

    public JobsPageTests()
    {
        // The self-refresh timer starts only on an interactive renderer.
        SetRendererInfo(new RendererInfo("Server", true));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await StartSchedulerAsync();
    }

    [Fact]
    public void Render_Scheduler_ListsJobsWithTriggers()
    {
        // Arrange: the scheduler started in InitializeAsync.

        // Act
        var page = Render<JobsPage>();

        // Assert
        page.WaitForAssertion(() =>
        {
            var table = page.Find("[data-testid=jobs-table]").TextContent;
            Assert.Contains("mail-outbox", table);
            Assert.Contains("Every 1 h", table);
            Assert.Contains("job-run-cleanup", table);
            Assert.Contains("Cron '0 15 3 * * ?' (UTC)", table);
            Assert.Contains("Not run yet", table);
        });
    }

    [Fact]
    public async Task RunNow_Administrator_JobRunsAndPageRefreshShowsResultAndAudit()
    {
        // Arrange
        var page = Render<JobsPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("button[data-testid=run-now]").Count));

        // Act
        await page.Find($"tr[data-job='{MailJob}'] button[data-testid=run-now]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("was started", page.Markup));
        await JobRunWait.ForRunsAsync(Services, MailJob, 1, Ct);
        Time.Advance(TimeSpan.FromSeconds(3));

        // Assert
        page.WaitForAssertion(() => Assert.Contains("Succeeded", page.Find($"tr[data-job='{MailJob}']").TextContent));
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == MailJob, Ct);
        Assert.Equal((DatabaseInitializer.AdminUserName, "console", "RunNow"), (audit.Actor, audit.Source, audit.Action));
    }

    [Fact]
    public async Task RefreshTimer_JobRanElsewhere_PageShowsResultOnNextTick()
    {
        // Arrange
        var page = Render<JobsPage>();
        page.WaitForAssertion(() => Assert.Contains("Not run yet", page.Find($"tr[data-job='{MailJob}']").TextContent));
        await Services.GetRequiredService<ScheduledJobService>().RunNowAsync(MailJob, SeedActor, Ct);
        await JobRunWait.ForRunsAsync(Services, MailJob, 1, Ct);
        var beforeTick = page.Find($"tr[data-job='{MailJob}']").TextContent;

        // Act
        Time.Advance(TimeSpan.FromSeconds(3));

        // Assert: nothing re-rendered the page before the tick; the tick reloads it.
        Assert.Contains("Not run yet", beforeTick);
        page.WaitForAssertion(() => Assert.Contains("Succeeded", page.Find($"tr[data-job='{MailJob}']").TextContent));
    }

    [Fact]
    public void Render_Operator_RunNowDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var page = Render<JobsPage>();

        // Assert
        page.WaitForAssertion(() =>
        {
            var buttons = page.FindAll("button[data-testid=run-now]");
            Assert.Equal(5, buttons.Count);
            Assert.All(buttons, b => Assert.True(b.HasAttribute("disabled")));
        });
        Assert.Contains("Only administrators can run a job now.", page.Markup);
    }
}
