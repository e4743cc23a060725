namespace ApiManager.Gateway.Credentials;

/// <summary>Settings of the <c>token-expiry</c> job (section <c>Credentials</c>).</summary>
public sealed class CredentialExpiryOptions
{
    public const string SectionName = "Credentials";

    /// <summary>Days before a key expires when its client is reminded once (default 7; 0 turns reminders off).</summary>
    public int ExpiryReminderDays { get; set; } = 7;
}
