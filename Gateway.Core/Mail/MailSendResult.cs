namespace ApiManager.Gateway.Mail;

/// <summary>What one run of <see cref="MailOutboxService.SendDueAsync"/> did.</summary>
/// <param name="Configured">False when no SMTP host is set: nothing was attempted.</param>
/// <param name="Sent">Mails delivered.</param>
/// <param name="Retrying">Failed attempts that will be retried.</param>
/// <param name="GaveUp">Mails marked Failed after their last attempt.</param>
/// <param name="Waiting">Pending mails left in the outbox after the run.</param>
public sealed record MailSendResult(bool Configured, int Sent, int Retrying, int GaveUp, int Waiting)
{
    /// <summary>One line for the job log.</summary>
    public string Describe() => Configured
        ? $"Sent {Sent}, failed {Retrying + GaveUp} (retrying {Retrying}, gave up {GaveUp}); {Waiting} waiting."
        : $"SMTP not configured (Mail:Host is empty); {Waiting} mail(s) waiting.";
}
