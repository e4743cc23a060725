using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Mail;

/// <summary>The real MailKit transport against a real local SMTP server (aiosmtpd).</summary>
public sealed class SmtpDeliveryTests
{
    private static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Host"] = "127.0.0.1",
        ["Port"] = port.ToString(),
        ["TlsMode"] = "StartTlsWhenAvailable",
        ["SenderAddress"] = "noreply@apimanager.test",
        ["SenderName"] = "ApiManager Tests",
        ["TimeoutSeconds"] = "5",
        ["RetryBaseDelaySeconds"] = "30",
    };

    [Fact]
    public async Task SendDueAsync_TestMailWithServerUp_DeliveredAndLoggedAsSent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpTestServer.StartNewAsync(ct);
        await using var host = await MailTestHost.CreateAsync(SmtpSettings(smtp.Port), realTransport: true, cancellationToken: ct);
        var transport = host.Services.GetRequiredService<IMailTransport>();
        var mail = await host.Outbox.QueueTestMailAsync("ops@example.com", new Actor("admin", "console"), ct);

        // Act
        var result = await host.Outbox.SendDueAsync(transport, ct);

        // Assert
        var log = await host.Outbox.ListLogAsync(new MailLogFilter(), new PageRequest(), ct);
        var entry = Assert.Single(log.Items);
        Assert.True(entry.Succeeded, entry.Error);
        Assert.Equal(mail.Id, entry.OutboxMailId);
        Assert.Equal(new MailSendResult(true, 1, 0, 0, 0), result);
        var content = await smtp.WaitForMailContainingAsync("Subject: ApiManager test mail", TimeSpan.FromSeconds(10), ct);
        Assert.Contains("ops@example.com", content);
        Assert.Contains("noreply@apimanager.test", content);
    }

    [Fact]
    public async Task SendDueAsync_ServerDownThenUp_FailureLoggedRetryScheduledThenDelivered()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = SmtpTestServer.Prepare();
        await using var host = await MailTestHost.CreateAsync(SmtpSettings(smtp.Port), realTransport: true, cancellationToken: ct);
        var transport = host.Services.GetRequiredService<IMailTransport>();
        await host.Outbox.EnqueueAsync("ops@example.com", "Retry me", "Body", false, ct);
        var queuedAt = host.Time.GetUtcNow().UtcDateTime;

        // Act
        var down = await host.Outbox.SendDueAsync(transport, ct);
        await smtp.StartAsync(ct);
        var tooEarly = await host.Outbox.SendDueAsync(transport, ct);
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var up = await host.Outbox.SendDueAsync(transport, ct);

        // Assert
        Assert.Equal(new MailSendResult(true, 0, 1, 0, 1), down);
        Assert.Equal(new MailSendResult(true, 0, 0, 0, 1), tooEarly);
        Assert.Equal(new MailSendResult(true, 1, 0, 0, 0), up);
        await smtp.WaitForMailContainingAsync("Subject: Retry me", TimeSpan.FromSeconds(10), ct);
        await using var db = await host.DbAsync(ct);
        var log = await db.MailLog.OrderBy(e => e.Attempt).ToListAsync(ct);
        Assert.Equal(2, log.Count);
        Assert.False(log[0].Succeeded);
        Assert.Contains("SocketException", log[0].Error);
        Assert.Equal(queuedAt, log[0].At);
        Assert.True(log[1].Succeeded);
        Assert.Equal(2, log[1].Attempt);
        var mail = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(OutboxMailStatus.Sent, mail.Status);
        Assert.Null(mail.LastError);
    }

    [Fact]
    public async Task SendDueAsync_ServerDown_RetryTimeStoredFromBackoff()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = SmtpTestServer.Prepare();
        await using var host = await MailTestHost.CreateAsync(SmtpSettings(smtp.Port), realTransport: true, cancellationToken: ct);
        var transport = host.Services.GetRequiredService<IMailTransport>();
        await host.Outbox.EnqueueAsync("ops@example.com", "Down", "Body", false, ct);

        // Act
        await host.Outbox.SendDueAsync(transport, ct);

        // Assert
        var outbox = await host.Outbox.ListOutboxAsync(null, new PageRequest(), ct);
        var item = Assert.Single(outbox.Items);
        Assert.Equal(OutboxMailStatus.Pending, item.Status);
        Assert.Equal(1, item.Attempts);
        Assert.Equal(host.Time.GetUtcNow().UtcDateTime.AddSeconds(30), item.NextAttemptAt);
        Assert.NotNull(item.LastError);
    }
}
