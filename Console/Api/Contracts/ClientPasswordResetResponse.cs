namespace ApiManager.Admin.Api.Contracts;

/// <summary>A password reset: the queued mail carrying the one-time password, and where it goes.</summary>
internal sealed record ClientPasswordResetResponse(long MailId, IReadOnlyList<string> MailedTo);
