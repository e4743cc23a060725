using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Mail;

/// <summary>Checks the <c>Mail</c> section and reports every problem at once.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = MailOptions.SectionName;
        if (options.IsConfigured && Uri.CheckHostName(options.Host!.Trim()) == UriHostNameType.Unknown)
        {
            errors.Add($"{section}:Host '{options.Host}' is not a valid host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{section}:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (!options.TryGetTlsMode(out _))
        {
            errors.Add($"{section}:TlsMode '{options.TlsMode}' is not one of {string.Join(", ", Enum.GetNames<MailTlsMode>())}.");
        }

        if (string.IsNullOrWhiteSpace(options.UserName) && !string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{section}:Password is set but {section}:UserName is empty.");
        }

        if (string.IsNullOrWhiteSpace(options.SenderAddress))
        {
            errors.Add($"{section}:SenderAddress is required.");
        }
        else if (!MailAddress.TryCreate(options.SenderAddress.Trim(), out var sender) || sender.Address != options.SenderAddress.Trim())
        {
            errors.Add($"{section}:SenderAddress '{options.SenderAddress}' is not a valid e-mail address.");
        }

        if (options.SenderName is { } senderName && (senderName.Contains('\r') || senderName.Contains('\n') || senderName.Length > 200))
        {
            errors.Add($"{section}:SenderName must be a single line of at most 200 characters.");
        }

        CheckRange(errors, "TimeoutSeconds", options.TimeoutSeconds, 1, 600);
        CheckRange(errors, "MaxAttempts", options.MaxAttempts, 1, 100);
        CheckRange(errors, "RetryBaseDelaySeconds", options.RetryBaseDelaySeconds, 1, 86400);
        CheckRange(errors, "RetryMaxDelaySeconds", options.RetryMaxDelaySeconds, 1, 7 * 86400);
        if (options.RetryMaxDelaySeconds < options.RetryBaseDelaySeconds)
        {
            errors.Add($"{section}:RetryMaxDelaySeconds must not be smaller than {section}:RetryBaseDelaySeconds.");
        }

        CheckRange(errors, "PollIntervalSeconds", options.PollIntervalSeconds, 1, 3600);
        CheckRange(errors, "BatchSize", options.BatchSize, 1, 1000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{MailOptions.SectionName}:{key} must be between {min} and {max} (was {value}).");
        }
    }
}
