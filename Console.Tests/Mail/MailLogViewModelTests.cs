using ApiManager.Admin.Account;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Mail;

public sealed class MailLogViewModelTests
{
    private static readonly Dictionary<string, string?> Smtp = new() { ["Host"] = "127.0.0.1" };

    [Fact]
    public async Task QueueTestMailAsync_Administrator_QueuesMailAndShowsItInOutbox()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.TestRecipient = "ops@example.com";

        // Act
        var ok = await model.QueueTestMailAsync(MailTestHost.User("admin", AdminRoles.Administrator), ct);

        // Assert
        Assert.True(ok);
        Assert.Null(model.TestRecipientError);
        Assert.Equal("", model.TestRecipient);
        Assert.Contains("queued", model.Notice);
        var queued = Assert.Single(model.Outbox.Items);
        Assert.Equal("ops@example.com", queued.To);
        Assert.Equal(OutboxMailStatus.Pending, queued.Status);
        await using var db = await host.DbAsync(ct);
        Assert.Equal("admin", (await db.AuditEntries.SingleAsync(ct)).Actor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("a@b@c")]
    public async Task QueueTestMailAsync_BadRecipient_FieldErrorAndNothingQueued(string recipient)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.TestRecipient = recipient;

        // Act
        var ok = await model.QueueTestMailAsync(MailTestHost.User("admin", AdminRoles.Administrator), ct);

        // Assert
        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(model.TestRecipientError));
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task QueueTestMailAsync_Operator_RefusedAndNothingQueued()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.TestRecipient = "ops@example.com";
        var user = MailTestHost.User("viewer", AdminRoles.Operator);

        // Act
        var ok = await model.QueueTestMailAsync(user, ct);

        // Assert
        Assert.False(ok);
        Assert.Equal("Only administrators can send a test mail.", model.Notice);
        await using var db = await host.DbAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task QueueTestMailAsync_SmtpNotConfigured_NoticeSaysMailStaysQueued()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(cancellationToken: ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.TestRecipient = "ops@example.com";

        // Act
        await model.QueueTestMailAsync(MailTestHost.User("admin", AdminRoles.Administrator), ct);

        // Assert
        Assert.False(model.IsConfigured);
        Assert.Contains("SMTP is not configured", model.Notice);
    }

    [Fact]
    public async Task SearchAsync_FailedFilterAndPaging_ShowsOnlyFailedAttemptsPaged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(new Dictionary<string, string?>(Smtp) { ["BatchSize"] = "100" }, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("ok@example.com", "Fine", "Body", false, ct);
        await host.Outbox.SendDueAsync(host.Transport!, ct);
        host.Transport!.FailWith = "refused";
        for (var i = 0; i < MailLogViewModel.PageSize + 5; i++)
        {
            await host.Outbox.EnqueueAsync($"user{i}@example.com", "Broken " + i, "Body", false, ct);
        }

        await host.Outbox.SendDueAsync(host.Transport, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.Result = MailLogResultFilter.Failed;

        // Act
        await model.SearchAsync(ct);
        var firstPage = model.Log.Items.Count;
        model.LogPage = 2;
        await model.LoadLogAsync(ct);

        // Assert
        Assert.Equal(MailLogViewModel.PageSize, firstPage);
        Assert.Equal(MailLogViewModel.PageSize + 5, model.Log.Total);
        Assert.Equal(2, model.LogPageCount);
        Assert.Equal(5, model.Log.Items.Count);
        Assert.All(model.Log.Items, e => Assert.False(e.Succeeded));
    }

    [Fact]
    public async Task SearchAsync_Keyword_MatchesRecipient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MailTestHost.CreateAsync(Smtp, cancellationToken: ct);
        await host.Outbox.EnqueueAsync("alice@example.com", "One", "Body", false, ct);
        await host.Outbox.EnqueueAsync("bob@example.com", "Two", "Body", false, ct);
        await host.Outbox.SendDueAsync(host.Transport!, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<MailLogViewModel>();
        model.Keyword = "bob";

        // Act
        await model.SearchAsync(ct);

        // Assert
        Assert.Equal("Two", Assert.Single(model.Log.Items).Subject);
    }
}
