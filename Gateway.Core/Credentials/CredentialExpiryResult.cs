namespace ApiManager.Gateway.Credentials;

/// <summary>What one run of the expiry housekeeping did.</summary>
/// <param name="ExpiredXApiKeys">X-Api-Keys newly marked Expired.</param>
/// <param name="ExpiredSignedKeys">Signed API keys newly marked Expired.</param>
/// <param name="RemindersQueued">Reminder mails queued (one per key).</param>
/// <param name="RemindersSkipped">Keys due a reminder whose client has no email address (reminded once an address exists).</param>
/// <param name="TokensDeleted">Expired OAuth token records deleted (with their revocation entries).</param>
internal sealed record CredentialExpiryResult(int ExpiredXApiKeys, int ExpiredSignedKeys, int RemindersQueued, int RemindersSkipped, int TokensDeleted)
{
    public override string ToString() =>
        $"Marked {ExpiredXApiKeys} X-Api-Key(s) and {ExpiredSignedKeys} signed key(s) expired; queued {RemindersQueued} expiry reminder(s)"
        + (RemindersSkipped > 0 ? $" ({RemindersSkipped} key(s) due one belong to clients without an email address)" : string.Empty)
        + $"; deleted {TokensDeleted} expired token record(s).";
}
