namespace ApiManager.Admin.Model;

/// <summary>Result filter of the mail log.</summary>
internal enum MailLogResultFilter
{
    All = 0,
    Sent = 1,
    Failed = 2,
}
