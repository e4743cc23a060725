namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>
/// A key just created: <see cref="Key"/> is the only time the plaintext is handed out. <see cref="MailedTo"/> lists the
/// addresses the key was queued for (empty: no mail, see <see cref="MailProblem"/>).
/// </summary>
public sealed record XApiKeyCreated(string Key, XApiKeySummary XApiKey, IReadOnlyList<string> MailedTo, long? MailId, string? MailProblem)
{
    public bool MailQueued => MailId is not null;
}
