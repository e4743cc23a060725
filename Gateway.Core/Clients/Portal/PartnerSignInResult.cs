namespace ApiManager.Gateway.Clients.Portal;

/// <summary>A sign-in outcome; the client fields are set only when <see cref="Status"/> is <see cref="PartnerSignInStatus.Succeeded"/>.</summary>
public sealed record PartnerSignInResult(PartnerSignInStatus Status, int ClientDbId = 0, string? ClientId = null, string? DisplayName = null)
{
    public bool Succeeded => Status == PartnerSignInStatus.Succeeded;
}
