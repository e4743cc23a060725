using ApiManager.Gateway.Credentials.OAuth;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A client's token settings.</summary>
internal sealed record TokenSettingsResponse(
    IReadOnlyList<string> AllowedGrants,
    int AccessTokenValidity,
    int AccessTokenQuota,
    int RefreshTokenValidity,
    int RefreshTokenQuota,
    IReadOnlyList<string> RedirectUris,
    Guid? ConcurrencyStamp)
{
    public static TokenSettingsResponse From(TokenSettings settings) => new(
        OAuthGrantNames.Names(settings.AllowedGrants),
        settings.AccessTokenValidity,
        settings.AccessTokenQuota,
        settings.RefreshTokenValidity,
        settings.RefreshTokenQuota,
        settings.RedirectUris,
        settings.ConcurrencyStamp);
}
