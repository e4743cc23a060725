namespace ApiManager.Gateway.Mail;

/// <summary>One send attempt of an outbox mail, successful or not.</summary>
public sealed class MailLogEntry
{
    public long Id { get; set; }
    public long OutboxMailId { get; set; }
    public DateTime At { get; set; }
    public int Attempt { get; set; }
    public bool Succeeded { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public string? Error { get; set; }
}
