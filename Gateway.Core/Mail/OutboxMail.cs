namespace ApiManager.Gateway.Mail;

/// <summary>A queued mail. The mail job sends it, retrying with backoff until it is sent or gives up.</summary>
public sealed class OutboxMail
{
    public long Id { get; set; }

    /// <summary>Comma-separated recipient addresses.</summary>
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public bool IsHtml { get; set; }
    public OutboxMailStatus Status { get; set; } = OutboxMailStatus.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Where a queued mail stands.</summary>
public enum OutboxMailStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}
