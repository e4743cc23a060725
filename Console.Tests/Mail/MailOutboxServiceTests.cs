using ApiManager.Gateway.Common;
using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Admin.Tests.Mail;

public sealed class MailOutboxServiceTests
{
    private static readonly Dictionary<string, string?> Smtp = new()
    {
        ["Host"] = "127.0.0.1",
        ["MaxAttempts"] = "3",
        ["RetryBaseDelaySeconds"] = "30",
        ["RetryMaxDelaySeconds"] = "3600",
    };

    [Theory]
    [InlineData("", "to")]
    [InlineData("not-an-address", "to")]
    [InlineData("ok@example.com, broken@", "to")]
    [InlineData("a@example.com\r\nBcc: b@example.com", "to")]
    public async Task EnqueueAsync_BadRecipient_ThrowsFieldError(string to, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => host.Outbox.EnqueueAsync(to, "Subject", "Body", false, ct));

        // Assert
        Assert.True(ex.Errors.ContainsKey(field));
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task EnqueueAsync_EmptySubjectAndBody_ReportsEveryField()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => host.Outbox.EnqueueAsync("bad", " ", "", false, ct));

        // Assert
        Assert.Equal(["body", "subject", "to"], ex.Errors.Keys.Order());
    }

    [Fact]
    public async Task EnqueueAsync_SubjectWithLineBreak_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => host.Outbox.EnqueueAsync("a@example.com", "Hi\r\nBcc: x@example.com", "Body", false, ct));

        // Assert
        Assert.Equal(["subject"], ex.Errors.Keys);
    }

    [Fact]
    public async Task EnqueueAsync_SeveralRecipients_StoresNormalizedPendingMailDueNow()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var mail = await host.Outbox.EnqueueAsync(" a@example.com; Bob <b@example.com> ", "Hello", "Body", true, ct);

        // Assert
        await using var db = await host.DbAsync(ct);
        var stored = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(mail.Id, stored.Id);
        Assert.Equal("a@example.com, b@example.com", stored.To);
        Assert.Equal(OutboxMailStatus.Pending, stored.Status);
        Assert.True(stored.IsHtml);
        Assert.Equal(host.Time.GetUtcNow().UtcDateTime, stored.NextAttemptAt);
    }

    [Fact]
    public async Task SendDueAsync_DueMail_SentAndLogged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);

        // Act
        var result = await host.Outbox.SendDueAsync(host.Transport!, ct);

        // Assert
        Assert.Equal(new MailSendResult(true, 1, 0, 0, 0), result);
        Assert.Equal("Hello", Assert.Single(host.Transport!.Sent).Subject);
        await using var db = await host.DbAsync(ct);
        var mail = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(OutboxMailStatus.Sent, mail.Status);
        Assert.Equal(1, mail.Attempts);
        Assert.Equal(host.Time.GetUtcNow().UtcDateTime, mail.SentAt);
        var log = await db.MailLog.SingleAsync(ct);
        Assert.True(log.Succeeded);
        Assert.Equal(1, log.Attempt);
        Assert.Equal("a@example.com", log.To);
        Assert.Null(log.Error);
    }

    [Fact]
    public async Task SendDueAsync_TransportFails_RetryScheduledWithExponentialBackoff()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);
        host.Transport!.FailWith = "Connection refused";
        var start = host.Time.GetUtcNow().UtcDateTime;

        // Act
        var first = await host.Outbox.SendDueAsync(host.Transport, ct);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await host.Outbox.SendDueAsync(host.Transport, ct);

        // Assert
        Assert.Equal(new MailSendResult(true, 0, 1, 0, 1), first);
        Assert.Equal(new MailSendResult(true, 0, 1, 0, 1), second);
        await using var db = await host.DbAsync(ct);
        var mail = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(OutboxMailStatus.Pending, mail.Status);
        Assert.Equal(2, mail.Attempts);
        Assert.Equal(start.AddSeconds(30 + 60), mail.NextAttemptAt);
        Assert.Contains("Connection refused", mail.LastError);
        var log = await db.MailLog.OrderBy(e => e.Attempt).ToListAsync(ct);
        Assert.Equal([1, 2], log.Select(e => e.Attempt));
        Assert.All(log, e => Assert.False(e.Succeeded));
        Assert.All(log, e => Assert.Equal("IOException: Connection refused", e.Error));
    }

    [Fact]
    public async Task SendDueAsync_NotDueYet_NotSent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);
        host.Transport!.FailWith = "down";
        await host.Outbox.SendDueAsync(host.Transport, ct);
        host.Transport.FailWith = null;
        host.Time.Advance(TimeSpan.FromSeconds(29));

        // Act
        var result = await host.Outbox.SendDueAsync(host.Transport, ct);

        // Assert
        Assert.Equal(new MailSendResult(true, 0, 0, 0, 1), result);
        Assert.Empty(host.Transport.Sent);
        Assert.Equal(1, host.Transport.Calls);
    }

    [Fact]
    public async Task SendDueAsync_FailsMaxAttempts_MarkedFailedAndNotRetried()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);
        host.Transport!.FailWith = "550 mailbox unavailable";
        var results = new List<MailSendResult>();

        // Act
        for (var i = 0; i < 4; i++)
        {
            results.Add(await host.Outbox.SendDueAsync(host.Transport, ct));
            host.Time.Advance(TimeSpan.FromHours(2));
        }

        // Assert
        Assert.Equal(1, results[2].GaveUp);
        Assert.Equal(new MailSendResult(true, 0, 0, 0, 0), results[3]);
        Assert.Equal(3, host.Transport.Calls);
        await using var db = await host.DbAsync(ct);
        var mail = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(OutboxMailStatus.Failed, mail.Status);
        Assert.Equal(3, mail.Attempts);
        Assert.Equal(3, await db.MailLog.CountAsync(ct));
    }

    [Fact]
    public async Task SendDueAsync_SmtpNotConfigured_NothingAttemptedAndNoAttemptUsed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);

        // Act
        var result = await host.Outbox.SendDueAsync(host.Transport!, ct);

        // Assert
        Assert.False(host.Outbox.IsConfigured);
        Assert.Equal(new MailSendResult(false, 0, 0, 0, 1), result);
        Assert.Contains("SMTP not configured", result.Describe());
        Assert.Equal(0, host.Transport!.Calls);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, (await db.OutboxMails.SingleAsync(ct)).Attempts);
        Assert.Equal(0, await db.MailLog.CountAsync(ct));
    }

    [Fact]
    public async Task SendDueAsync_ErrorContainsPassword_PasswordRedacted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>(Smtp) { ["UserName"] = "mailer", ["Password"] = "s3cret-pw" };
        await using var host = await MailTestHost.CreateAsync(settings, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("a@example.com", "Hello", "Body", false, ct);
        host.Transport!.FailWith = "535 authentication failed for mailer/s3cret-pw";

        // Act
        await host.Outbox.SendDueAsync(host.Transport, ct);

        // Assert
        await using var db = await host.DbAsync(ct);
        var error = (await db.MailLog.SingleAsync(ct)).Error;
        Assert.DoesNotContain("s3cret-pw", error);
        Assert.Contains("mailer/***", error);
    }

    [Fact]
    public async Task SendDueAsync_MoreDueThanBatchSize_SendsOneBatchOldestFirst()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>(Smtp) { ["BatchSize"] = "2" };
        await using var host = await MailTestHost.CreateAsync(settings, cancellationToken: ct);
        for (var i = 1; i <= 3; i++)
        {
            await host.Outbox.EnqueueAsync("a@example.com", "Mail " + i, "Body", false, ct);
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // Act
        var result = await host.Outbox.SendDueAsync(host.Transport!, ct);

        // Assert
        Assert.Equal(new MailSendResult(true, 2, 0, 0, 1), result);
        Assert.Equal(["Mail 1", "Mail 2"], host.Transport!.Sent.Select(m => m.Subject));
    }

    [Fact]
    public async Task QueueTestMailAsync_ValidRecipient_QueuedAndAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var mail = await host.Outbox.QueueTestMailAsync("ops@example.com", new Actor("admin", "console"), ct);

        // Assert
        await using var db = await host.DbAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(ct);
        Assert.Equal("Mail", audit.EntityType);
        Assert.Equal("TestMailQueued", audit.Action);
        Assert.Equal(mail.Id.ToString(), audit.EntityId);
        Assert.Equal("admin", audit.Actor);
        Assert.Contains("ops@example.com", audit.After);
    }

    [Fact]
    public async Task QueueTestMailAsync_BadRecipient_NothingQueuedOrAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => host.Outbox.QueueTestMailAsync("nobody", new Actor("admin", "console"), ct));

        // Assert
        Assert.Equal(["to"], ex.Errors.Keys);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(ct));
    }

    [Fact]
    public async Task ListLogAsync_FilterAndKeyword_ReturnsMatchingAttemptsNewestFirst()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("alice@example.com", "Invoice", "Body", false, ct);
        await host.Outbox.SendDueAsync(host.Transport!, ct);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Outbox.EnqueueAsync("bob@example.com", "Welcome", "Body", false, ct);
        host.Transport!.FailWith = "timeout";
        await host.Outbox.SendDueAsync(host.Transport, ct);

        // Act
        var all = await host.Outbox.ListLogAsync(new MailLogFilter(), new PageRequest(), ct);
        var failed = await host.Outbox.ListLogAsync(new MailLogFilter(Succeeded: false), new PageRequest(), ct);
        var byKeyword = await host.Outbox.ListLogAsync(new MailLogFilter(Keyword: "invoice"), new PageRequest(), ct);
        var none = await host.Outbox.ListLogAsync(new MailLogFilter(Succeeded: true, Keyword: "welcome"), new PageRequest(), ct);

        // Assert
        Assert.Equal(["Welcome", "Invoice"], all.Items.Select(e => e.Subject));
        Assert.Equal("bob@example.com", Assert.Single(failed.Items).To);
        Assert.Equal("alice@example.com", Assert.Single(byKeyword.Items).To);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task ListOutboxAsync_Default_ListsOnlyUnsentMails()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("alice@example.com", "Sent one", "Body", false, ct);
        await host.Outbox.SendDueAsync(host.Transport!, ct);
        await host.Outbox.EnqueueAsync("bob@example.com", "Waiting one", "Body", false, ct);

        // Act
        var outbox = await host.Outbox.ListOutboxAsync(null, new PageRequest(), ct);

        // Assert
        var item = Assert.Single(outbox.Items);
        Assert.Equal("Waiting one", item.Subject);
        Assert.Equal(OutboxMailStatus.Pending, item.Status);
    }
}
