namespace ApiManager.Gateway.Clients.Portal;

/// <summary>
/// A sign-in outcome; the client fields are set only when <see cref="Status"/> is <see cref="PartnerSignInStatus.Succeeded"/>.
/// <see cref="MustChangePassword"/> is true when the partner signed in with a one-time password and must set a new one first.
/// </summary>
public sealed record PartnerSignInResult(
    PartnerSignInStatus Status,
    int ClientDbId = 0,
    string? ClientId = null,
    string? DisplayName = null,
    bool MustChangePassword = false)
{
    public bool Succeeded => Status == PartnerSignInStatus.Succeeded;
}
