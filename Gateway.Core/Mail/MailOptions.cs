namespace ApiManager.Gateway.Mail;

/// <summary>Section <c>Mail</c>: the SMTP server and how the outbox is sent. An empty <see cref="Host"/> disables sending.</summary>
public sealed class MailOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Mail";

    /// <summary>SMTP host; empty means mail is not configured and queued mails wait.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port, 1–65535.</summary>
    public int Port { get; set; } = 25;

    /// <summary>One of <see cref="MailTlsMode"/>'s names: None, StartTls, StartTlsWhenAvailable, SslOnConnect.</summary>
    public string TlsMode { get; set; } = nameof(MailTlsMode.StartTlsWhenAvailable);

    /// <summary>SMTP user; when empty the transport does not authenticate.</summary>
    public string? UserName { get; set; }

    /// <summary>SMTP password (never logged).</summary>
    public string? Password { get; set; }

    /// <summary>The From address of every mail.</summary>
    public string SenderAddress { get; set; } = "apimanager@localhost";

    /// <summary>The From display name.</summary>
    public string SenderName { get; set; } = "ApiManager";

    /// <summary>Timeout of each SMTP operation, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per mail before it is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; it doubles with each further attempt.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>Longest delay between two attempts.</summary>
    public int RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>How often the mail job looks for due mails.</summary>
    public int PollIntervalSeconds { get; set; } = 10;

    /// <summary>Most mails sent by one run of the job.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>True when an SMTP host is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Parses <see cref="TlsMode"/> (names only, case-insensitive).</summary>
    public bool TryGetTlsMode(out MailTlsMode mode)
    {
        mode = default;
        var text = TlsMode?.Trim();
        return !string.IsNullOrEmpty(text)
            && !char.IsDigit(text[0])
            && text[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out mode)
            && Enum.IsDefined(mode);
    }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based): base·2^(attempt-1), capped.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = Math.Min(RetryBaseDelaySeconds * Math.Pow(2, exponent), RetryMaxDelaySeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, 0));
    }
}
