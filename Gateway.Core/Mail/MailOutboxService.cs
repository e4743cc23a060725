using System.Net.Mail;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Mail;

/// <summary>The mail outbox: queues mails (with validation), sends due ones with retry and backoff, and lists the log.</summary>
public sealed partial class MailOutboxService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    IOptionsMonitor<MailOptions> options,
    AuditRecorder auditRecorder,
    TimeProvider timeProvider,
    ILogger<MailOutboxService> logger)
{
    /// <summary>Entity name used in audit rows.</summary>
    public const string EntityName = "Mail";

    /// <summary>Most recipients of one mail.</summary>
    public const int MaxRecipients = 50;

    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 500;

    /// <summary>Longest body.</summary>
    public const int MaxBodyLength = 1_000_000;

    private const int MaxErrorLength = 2000;

    /// <summary>True when an SMTP host is configured; otherwise mails stay queued.</summary>
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>Validates and queues a mail; it is sent by the mail job. <paramref name="to"/> may list addresses separated by ',' or ';'.</summary>
    public async Task<OutboxMail> EnqueueAsync(string to, string subject, string body, bool isHtml, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var mail = Create(to, subject, body, isHtml);
        db.OutboxMails.Add(mail);
        await db.SaveChangesAsync(cancellationToken);
        return mail;
    }

    /// <summary>
    /// Validates a mail and adds it to <paramref name="db"/> without saving, so the caller queues it in the same
    /// transaction as the change it reports (nothing is mailed for a change that rolled back, nothing lost for one that committed).
    /// </summary>
    public OutboxMail Add(GatewayDbContext db, string to, string subject, string body, bool isHtml)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mail = Create(to, subject, body, isHtml);
        db.OutboxMails.Add(mail);
        return mail;
    }

    /// <summary>Queues a test mail to <paramref name="to"/> and audits it (entity "Mail", action "TestMailQueued").</summary>
    public async Task<OutboxMail> QueueTestMailAsync(string to, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var mail = Create(
            to,
            "ApiManager test mail",
            $"This is a test mail from ApiManager, queued by {actor.Name} at {now:yyyy-MM-dd HH:mm:ss} UTC.\n\nIf you can read it, outgoing mail works.",
            isHtml: false);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.OutboxMails.Add(mail);
        await db.SaveChangesAsync(cancellationToken);
        auditRecorder.Add(db, actor, new AuditChange(EntityName, mail.Id.ToString(), "TestMailQueued", null, new { mail.To, mail.Subject }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return mail;
    }

    /// <summary>Send attempts, newest first.</summary>
    public async Task<PagedResult<MailLogEntry>> ListLogAsync(MailLogFilter filter, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.MailLog.AsNoTracking();
        if (filter.Succeeded is { } succeeded)
        {
            query = query.Where(e => e.Succeeded == succeeded);
        }

        var keyword = string.IsNullOrWhiteSpace(filter.Keyword) ? page.Query : filter.Keyword.Trim();
        if (keyword is not null)
        {
            var pattern = "%" + keyword + "%";
            query = query.Where(e => EF.Functions.Like(e.To, pattern) || EF.Functions.Like(e.Subject, pattern) || (e.Error != null && EF.Functions.Like(e.Error, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<MailLogEntry>(items, total, page.Page, page.PageSize);
    }

    /// <summary>Outbox mails, newest first; <paramref name="status"/> null lists the unsent ones (Pending and Failed).</summary>
    public async Task<PagedResult<OutboxMailSummary>> ListOutboxAsync(OutboxMailStatus? status, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Normalize();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.OutboxMails.AsNoTracking();
        query = status is { } s ? query.Where(m => m.Status == s) : query.Where(m => m.Status != OutboxMailStatus.Sent);
        if (page.Query is { } q)
        {
            var pattern = "%" + q + "%";
            query = query.Where(m => EF.Functions.Like(m.To, pattern) || EF.Functions.Like(m.Subject, pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(m => new OutboxMailSummary(m.Id, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
        return new PagedResult<OutboxMailSummary>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// Sends the due Pending mails (up to <see cref="MailOptions.BatchSize"/>) through <paramref name="transport"/>, logging every attempt.
    /// A failure schedules a retry with exponential backoff; after <see cref="MailOptions.MaxAttempts"/> the mail is Failed.
    /// Without an SMTP host nothing is attempted and no attempt is used up.
    /// </summary>
    public async Task<MailSendResult> SendDueAsync(IMailTransport transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var settings = options.CurrentValue;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!settings.IsConfigured)
        {
            var waiting = await db.OutboxMails.CountAsync(m => m.Status == OutboxMailStatus.Pending, cancellationToken);
            return new MailSendResult(false, 0, 0, 0, waiting);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMails
            .Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, retrying = 0, gaveUp = 0;
        foreach (var mail in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? error = null;
            try
            {
                await transport.SendAsync(mail, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                error = DescribeError(ex, settings);
                Log.SendFailed(logger, mail.Id, mail.Attempts + 1, error);
            }

            var at = timeProvider.GetUtcNow().UtcDateTime;
            mail.Attempts++;
            if (error is null)
            {
                mail.Status = OutboxMailStatus.Sent;
                mail.SentAt = at;
                mail.LastError = null;
                sent++;
            }
            else if (mail.Attempts >= settings.MaxAttempts)
            {
                mail.Status = OutboxMailStatus.Failed;
                mail.LastError = error;
                gaveUp++;
            }
            else
            {
                mail.NextAttemptAt = at + settings.RetryDelay(mail.Attempts);
                mail.LastError = error;
                retrying++;
            }

            db.MailLog.Add(new MailLogEntry
            {
                OutboxMailId = mail.Id,
                At = at,
                Attempt = mail.Attempts,
                Succeeded = error is null,
                To = mail.To,
                Subject = mail.Subject,
                Error = error,
            });

            // The attempt happened: record it even if the job is being cancelled, so a sent mail is not sent twice.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var left = await db.OutboxMails.CountAsync(m => m.Status == OutboxMailStatus.Pending, cancellationToken);
        return new MailSendResult(true, sent, retrying, gaveUp, left);
    }

    private OutboxMail Create(string to, string subject, string body, bool isHtml)
    {
        var errors = new ValidationErrors();
        var recipients = ParseRecipients(to, errors);
        var trimmedSubject = subject?.Trim() ?? "";
        if (trimmedSubject.Length == 0)
        {
            errors.Add("subject", "Subject is required.");
        }
        else if (trimmedSubject.Length > MaxSubjectLength || trimmedSubject.IndexOfAny(['\r', '\n']) >= 0)
        {
            errors.Add("subject", $"Subject must be one line of at most {MaxSubjectLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add("body", "Body is required.");
        }
        else if (body.Length > MaxBodyLength)
        {
            errors.Add("body", $"Body must be at most {MaxBodyLength} characters.");
        }

        errors.ThrowIfAny();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new OutboxMail
        {
            To = string.Join(", ", recipients),
            Subject = trimmedSubject,
            Body = body,
            IsHtml = isHtml,
            Status = OutboxMailStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Splits and validates a recipient list; returns the bare addresses.</summary>
    internal static List<string> ParseRecipients(string? to, ValidationErrors errors)
    {
        var result = new List<string>();
        var parts = (to ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            errors.Add("to", "At least one recipient is required.");
            return result;
        }

        if (parts.Length > MaxRecipients)
        {
            errors.Add("to", $"At most {MaxRecipients} recipients are allowed.");
            return result;
        }

        foreach (var part in parts)
        {
            if (MailAddress.TryCreate(part, out var address) && address.Address.Length <= 254 && address.Host.Length > 0 && part.IndexOfAny(['\r', '\n']) < 0)
            {
                result.Add(address.Address);
            }
            else
            {
                errors.Add("to", $"'{Shorten(part, 100)}' is not a valid e-mail address.");
            }
        }

        if (string.Join(", ", result).Length > 2000)
        {
            errors.Add("to", "The recipient list is too long (at most 2000 characters).");
        }

        return result;
    }

    /// <summary>The error text stored in the log: exception type and message, never the SMTP password.</summary>
    internal static string DescribeError(Exception exception, MailOptions settings)
    {
        var text = exception.GetType().Name + ": " + exception.Message;
        if (exception.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) && !exception.Message.Contains(inner.Message, StringComparison.Ordinal))
        {
            text += " (" + inner.GetType().Name + ": " + inner.Message + ")";
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            text = text.Replace(settings.Password, "***", StringComparison.Ordinal);
        }

        return Shorten(text, MaxErrorLength);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Sending outbox mail {MailId} failed on attempt {Attempt}: {Error}")]
        public static partial void SendFailed(ILogger logger, long mailId, int attempt, string error);
    }
}
