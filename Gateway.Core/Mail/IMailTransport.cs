namespace ApiManager.Gateway.Mail;

/// <summary>Delivers one outbox mail (SMTP in the product, a fake in tests). Throws when delivery fails.</summary>
public interface IMailTransport
{
    /// <summary>Sends <paramref name="mail"/>; an exception means the attempt failed.</summary>
    Task SendAsync(OutboxMail mail, CancellationToken cancellationToken);
}
