namespace ApiManager.Gateway.Mail;

/// <summary>Filters of the mail log: result (null = all) and a keyword matched in recipient, subject and error.</summary>
public sealed record MailLogFilter(bool? Succeeded = null, string? Keyword = null);
