namespace ApiManager.Gateway.Mail;

/// <summary>How the SMTP connection is secured; mirrors MailKit's <c>SecureSocketOptions</c>.</summary>
public enum MailTlsMode
{
    /// <summary>Plain text, no TLS.</summary>
    None = 0,

    /// <summary>STARTTLS is required; the connection fails if the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable = 2,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect = 3,
}
