using System.Globalization;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Credentials;

/// <summary>
/// Housekeeping behind the <c>token-expiry</c> job: marks X-Api-Keys and signed API keys past their expiry as Expired,
/// queues one reminder mail per key that expires within <see cref="CredentialExpiryOptions.ExpiryReminderDays"/>, and
/// deletes token records whose lifetime is over (revoked ones included: an expired token fails on its own).
/// Every step is conditional on the state it changes, so running it twice (or concurrently) does nothing more.
/// The gateway never depends on it: it checks expiry itself on every request.
/// </summary>
internal sealed class CredentialExpiryService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    MailOutboxService mail,
    AuditRecorder audit,
    IEnumerable<IExpiredTokenCleaner> tokenCleaners,
    IOptionsMonitor<CredentialExpiryOptions> options,
    TimeProvider timeProvider)
{
    private static readonly Actor SystemActor = new("token-expiry", "system");

    public async Task<CredentialExpiryResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var expiredXApiKeys = await db.ClientXApiKeys
            .Where(k => k.Status == XApiKeyStatus.Active && k.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.Status, XApiKeyStatus.Expired), cancellationToken);
        var expiredSignedKeys = await db.SignedApiKeys
            .Where(k => k.Status == SignedKeyStatus.Active && k.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.Status, SignedKeyStatus.Expired), cancellationToken);

        var (queued, skipped) = await QueueRemindersAsync(db, now, cancellationToken);
        if (expiredXApiKeys + expiredSignedKeys + queued > 0)
        {
            audit.Add(db, SystemActor, new AuditChange("Credentials", "expiry", "ExpiryHousekeeping", null,
                new { expiredXApiKeys, expiredSignedKeys, remindersQueued = queued }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var tokensDeleted = 0;
        foreach (var cleaner in tokenCleaners)
        {
            tokensDeleted += await cleaner.DeleteExpiredAsync(now, cancellationToken);
        }

        return new CredentialExpiryResult(expiredXApiKeys, expiredSignedKeys, queued, skipped, tokensDeleted);
    }

    private async Task<(int Queued, int Skipped)> QueueRemindersAsync(GatewayDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var days = options.CurrentValue.ExpiryReminderDays;
        if (days <= 0)
        {
            return (0, 0);
        }

        var horizon = now.AddDays(days);
        var xApiKeys = await db.ClientXApiKeys.AsNoTracking()
            .Where(k => k.Status == XApiKeyStatus.Active && k.ExpiryReminderSentAt == null && k.ExpiresAt > now && k.ExpiresAt <= horizon)
            .Select(k => new Reminder(k.Id, "X-Api-Key", k.Alias, k.Mask, k.ExpiresAt, k.Client!.ClientId, k.Client.Emails, k.Client.TimeZoneId))
            .ToListAsync(cancellationToken);
        var signedKeys = await db.SignedApiKeys.AsNoTracking()
            .Where(k => k.Status == SignedKeyStatus.Active && k.ExpiryReminderSentAt == null && k.ExpiresAt > now && k.ExpiresAt <= horizon)
            .Select(k => new Reminder(k.Id, "signed API key", k.Alias ?? k.ApiKey, k.ApiKey, k.ExpiresAt, k.Client!.ClientId, k.Client.Emails, k.Client.TimeZoneId))
            .ToListAsync(cancellationToken);

        var queued = 0;
        var skipped = 0;
        var remindedX = new List<int>();
        var remindedSigned = new List<long>();
        foreach (var (reminder, isSigned) in xApiKeys.Select(r => (r, false)).Concat(signedKeys.Select(r => (r, true))))
        {
            var emails = ApiClientService.SplitEmails(reminder.Emails);
            if (emails.Count == 0)
            {
                skipped++;
                continue;
            }

            mail.Add(db, string.Join(',', emails), $"Your {reminder.Kind} '{reminder.Name}' expires on {LocalDate(reminder)}",
                ReminderBody(reminder), isHtml: false);
            if (isSigned)
            {
                remindedSigned.Add(reminder.Id);
            }
            else
            {
                remindedX.Add((int)reminder.Id);
            }

            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (remindedX.Count > 0)
        {
            await db.ClientXApiKeys.Where(k => remindedX.Contains(k.Id) && k.ExpiryReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.ExpiryReminderSentAt, now), cancellationToken);
        }

        if (remindedSigned.Count > 0)
        {
            await db.SignedApiKeys.Where(k => remindedSigned.Contains(k.Id) && k.ExpiryReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.ExpiryReminderSentAt, now), cancellationToken);
        }

        return (queued, skipped);
    }

    private static string LocalDate(Reminder reminder)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(reminder.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(reminder.ExpiresAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            + " (" + zone.Id + ")";
    }

    private static string ReminderBody(Reminder reminder) =>
        $"""
        Hello,

        the {reminder.Kind} "{reminder.Name}" ({reminder.Identifier}) of API client {reminder.ClientId} expires on {LocalDate(reminder)}.
        Calls with it are refused from then on. Ask your API administrator for a new one before that date.

        This reminder is sent once per key.
        """;

    private sealed record Reminder(long Id, string Kind, string Name, string Identifier, DateTime ExpiresAt, string ClientId, string? Emails, string TimeZoneId);
}
