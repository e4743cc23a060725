using ApiManager.Admin.Account;
using ApiManager.Admin.Jobs;
using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Mail;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using JobsPage = ApiManager.Admin.Components.Pages.Jobs;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>bUnit render tests of the Scheduled jobs page over a real in-memory scheduler.</summary>
public sealed class JobsPageTests
{
    private static readonly string MailJob = JobRunListener.JobName(MailOutboxJob.Key);

    private static async Task<(MailTestHost Host, BunitContext Context)> CreateAsync(string role, CancellationToken ct)
    {
        var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.StartSchedulerAsync(ct);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        context.Services.AddSingleton(host.Services.GetRequiredService<ScheduledJobService>());
        context.Services.AddSingleton<TimeProvider>(host.Time);
        context.Services.AddScoped<JobsViewModel>();
        var auth = context.AddAuthorization();
        auth.SetAuthorized(role == AdminRoles.Administrator ? "admin" : "viewer");
        auth.SetRoles(role);
        auth.SetPolicies(role == AdminRoles.Administrator ? [AdminPolicies.Read, AdminPolicies.Write] : [AdminPolicies.Read]);
        context.SetRendererInfo(new RendererInfo("Server", true));
        return (host, context);
    }

    [Fact]
    public async Task Render_Scheduler_ListsJobsWithTriggers()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Administrator, ct);
        await using var _ = host;
        await using var __ = context;

        // Act
        var page = context.Render<JobsPage>();

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
    public async Task RunNow_Administrator_JobRunsAndPageRefreshShowsResult()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Administrator, ct);
        await using var _ = host;
        await using var __ = context;
        var page = context.Render<JobsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("button[data-testid=run-now]").Count));

        // Act
        await page.Find($"tr[data-job='{MailJob}'] button[data-testid=run-now]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("was started", page.Markup));
        await host.WaitForJobRunsAsync(MailJob, 1, ct);
        host.Time.Advance(TimeSpan.FromSeconds(3));

        // Assert
        page.WaitForAssertion(() => Assert.Contains("Succeeded", page.Find($"tr[data-job='{MailJob}']").TextContent));
    }

    [Fact]
    public async Task Render_Operator_RunNowDisabled()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Operator, ct);
        await using var _ = host;
        await using var __ = context;

        // Act
        var page = context.Render<JobsPage>();

        // Assert
        page.WaitForAssertion(() =>
        {
            var buttons = page.FindAll("button[data-testid=run-now]");
            Assert.Equal(2, buttons.Count);
            Assert.All(buttons, b => Assert.True(b.HasAttribute("disabled")));
        });
    }
}
