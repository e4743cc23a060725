namespace ApiManager.Gateway.Mail;

/// <summary>A queued mail without its body, for lists.</summary>
public sealed record OutboxMailSummary(
    long Id,
    string To,
    string Subject,
    OutboxMailStatus Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime NextAttemptAt,
    DateTime? SentAt,
    string? LastError);
