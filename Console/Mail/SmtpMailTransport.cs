using ApiManager.Gateway.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApiManager.Admin.Mail;

/// <summary>Delivers outbox mails over SMTP with MailKit, one connection per mail.</summary>
internal sealed class SmtpMailTransport(IOptionsMonitor<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("SMTP is not configured (Mail:Host is empty).");
        }

        if (!settings.TryGetTlsMode(out var tlsMode))
        {
            throw new InvalidOperationException($"Mail:TlsMode '{settings.TlsMode}' is not valid.");
        }

        var message = BuildMessage(mail, settings);
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);

        // SmtpClient.Timeout bounds each network operation; the linked token bounds the whole delivery.
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(timeout * 3);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!.Trim(), settings.Port, ToSecureSocketOptions(tlsMode), overall.Token);
            if (!string.IsNullOrWhiteSpace(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", overall.Token);
            }

            await client.SendAsync(message, overall.Token);
            await client.DisconnectAsync(true, overall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"SMTP delivery to {settings.Host}:{settings.Port} did not finish within {(timeout * 3).TotalSeconds:0} s.");
        }
    }

    internal static MimeMessage BuildMessage(OutboxMail mail, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.SenderName, settings.SenderAddress.Trim()));
        message.To.AddRange(InternetAddressList.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart(mail.IsHtml ? "html" : "plain") { Text = mail.Body };
        return message;
    }

    internal static SecureSocketOptions ToSecureSocketOptions(MailTlsMode mode) => mode switch
    {
        MailTlsMode.None => SecureSocketOptions.None,
        MailTlsMode.StartTls => SecureSocketOptions.StartTls,
        MailTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        MailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };
}
