namespace ApiManager.Admin.Api.Contracts;

/// <summary>A client's token settings: grants by OAuth name, validities in seconds, quotas (0 = unlimited), redirect URLs.</summary>
internal sealed record TokenSettingsRequest
{
    public IReadOnlyList<string>? AllowedGrants { get; init; }

    public int AccessTokenValidity { get; init; } = Gateway.Credentials.OAuth.TokenSettingsService.DefaultAccessTokenValidity;

    public int AccessTokenQuota { get; init; }

    public int RefreshTokenValidity { get; init; } = Gateway.Credentials.OAuth.TokenSettingsService.DefaultRefreshTokenValidity;

    public int RefreshTokenQuota { get; init; }

    public IReadOnlyList<string>? RedirectUris { get; init; }

    /// <summary>The client's concurrency stamp as read; a stale one answers 409.</summary>
    public Guid? ConcurrencyStamp { get; init; }
}
