using ApiManager.Admin.Data;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MailLogPage = ApiManager.Admin.Components.Pages.MailLog.MailLog;

namespace ApiManager.Admin.Tests.Mail;

/// <summary>bUnit render tests of the Mail log page over the real mail services.</summary>
public sealed class MailLogPageTests : AdminTestContext
{
    private MailOutboxService Outbox => Services.GetRequiredService<MailOutboxService>();

    private void ConfigureSmtp() => SetSetting("Mail:Host", "127.0.0.1");

    [Fact]
    public void Render_SmtpNotConfigured_ShowsNotice()
    {
        // Arrange: Mail:Host is empty by default.

        // Act
        var page = Render<MailLogPage>();

        // Assert
        page.WaitForAssertion(() => Assert.Contains("SMTP not configured", page.Find("[data-testid=smtp-not-configured]").TextContent));
    }

    [Fact]
    public async Task SendTestMail_Administrator_QueuedMailListedInOutboxAndAudited()
    {
        // Arrange
        ConfigureSmtp();
        var page = Render<MailLogPage>();
        page.WaitForAssertion(() => Assert.Contains("The outbox is empty.", page.Find("[data-testid=outbox-table]").TextContent));

        // Act
        page.Find("input[data-testid=test-recipient]").Input("ops@example.com");
        await page.Find("button[data-testid=send-test-mail]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.Contains("ops@example.com", page.Find("[data-testid=outbox-table]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=smtp-not-configured]"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((DatabaseInitializer.AdminUserName, "console"), (audit.Actor, audit.Source));
    }

    [Fact]
    public async Task SendTestMail_BadRecipient_ErrorShownNextToField()
    {
        // Arrange
        ConfigureSmtp();
        var page = Render<MailLogPage>();

        // Act
        page.Find("input[data-testid=test-recipient]").Input("not-an-address");
        await page.Find("button[data-testid=send-test-mail]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.Contains("is not a valid e-mail address", FieldErrorOf(page, "test-recipient")));
        Assert.Contains("The outbox is empty.", page.Find("[data-testid=outbox-table]").TextContent);
    }

    [Fact]
    public void Render_Operator_SendTestMailDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var page = Render<MailLogPage>();

        // Assert
        page.WaitForAssertion(() => Assert.True(page.Find("button[data-testid=send-test-mail]").HasAttribute("disabled")));
        Assert.Contains("Only administrators can send a test mail.", page.Markup);
    }

    [Fact]
    public async Task Render_LogWithAttempts_ShowsResultAndError()
    {
        // Arrange
        ConfigureSmtp();
        SignInAsOperator();
        await Outbox.EnqueueAsync("bob@example.com", "Weekly report", "Body", false, Ct);
        MailTransport.FailWith = "Connection refused";
        await Outbox.SendDueAsync(MailTransport, Ct);

        // Act
        var page = Render<MailLogPage>();

        // Assert
        page.WaitForAssertion(() =>
        {
            var log = page.Find("[data-testid=mail-log-table]").TextContent;
            Assert.Contains("Weekly report", log);
            Assert.Contains("Failed", log);
            Assert.Contains("IOException: Connection refused", log);
        });
        Assert.Contains(nameof(OutboxMailStatus.Pending), page.Find("[data-testid=outbox-table]").TextContent);
    }
}
