using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>Reads and updates a client's token settings (validated; one audited config write).</summary>
internal sealed class TokenSettingsService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    public const int DefaultAccessTokenValidity = 3600;
    public const int DefaultRefreshTokenValidity = 86400;
    public const int MinValidity = 60;
    public const int MaxValidity = 31_536_000;
    public const int MaxRedirectUris = 5;
    public const int MaxRedirectUriLength = 2000;

    public async Task<TokenSettings> GetAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients.AsNoTracking(), clientId, cancellationToken);
        return From(client);
    }

    public async Task<TokenSettings> UpdateAsync(int clientId, TokenSettings input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var redirects = Validate(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientLookup.RequireAsync(db.ApiClients, clientId, cancellationToken);
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, client.ConcurrencyStamp, "client");
        var before = Audit(From(client));
        client.AllowedGrants = input.AllowedGrants;
        client.AccessTokenValidity = input.AccessTokenValidity;
        client.AccessTokenQuota = input.AccessTokenQuota;
        client.RefreshTokenValidity = input.RefreshTokenValidity;
        client.RefreshTokenQuota = input.RefreshTokenQuota;
        client.RedirectUris = TokenSettings.StoreRedirectUris(redirects);
        client.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        client.ConcurrencyStamp = Guid.NewGuid();
        var after = From(client);
        await writer.CommitAsync(db, actor, () => new AuditChange(ApiClientService.EntityName, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "TokenSettingsChanged", before, Audit(after)), cancellationToken);
        return after;
    }

    private static List<string> Validate(TokenSettings input)
    {
        var errors = new ValidationErrors();
        if ((input.AllowedGrants & ~OAuthGrants.All) != 0)
        {
            errors.Add("allowedGrants", "Unknown grant.");
        }
        else if (input.AllowedGrants == OAuthGrants.None)
        {
            errors.Add("allowedGrants", "Choose at least one grant.");
        }

        CheckValidity(errors, "accessTokenValidity", input.AccessTokenValidity);
        CheckValidity(errors, "refreshTokenValidity", input.RefreshTokenValidity);
        if (input.AccessTokenQuota < 0)
        {
            errors.Add("accessTokenQuota", "Enter 0 (unlimited) or more.");
        }

        if (input.RefreshTokenQuota < 0)
        {
            errors.Add("refreshTokenQuota", "Enter 0 (unlimited) or more.");
        }

        var redirects = (input.RedirectUris ?? []).Select(u => u?.Trim() ?? "").Where(u => u.Length > 0).ToList();
        if (redirects.Count > MaxRedirectUris)
        {
            errors.Add("redirectUris", $"At most {MaxRedirectUris} redirect URLs.");
        }

        if ((input.AllowedGrants & OAuthGrants.AuthorizationCode) != 0 && redirects.Count == 0)
        {
            errors.Add("redirectUris", "The authorization_code grant needs 1 to 5 redirect URLs.");
        }

        foreach (var uri in redirects)
        {
            if (uri.Length > MaxRedirectUriLength || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                errors.Add("redirectUris", $"'{Shorten(uri)}' is not an absolute http(s) URL without a fragment.");
            }
        }

        if (redirects.Distinct(StringComparer.Ordinal).Count() != redirects.Count)
        {
            errors.Add("redirectUris", "Redirect URLs must be different.");
        }

        errors.ThrowIfAny();
        return redirects;
    }

    private static void CheckValidity(ValidationErrors errors, string field, int seconds)
    {
        if (seconds is < MinValidity or > MaxValidity)
        {
            errors.Add(field, $"Enter {MinValidity} to {MaxValidity} seconds.");
        }
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;

    private static TokenSettings From(ApiClient client) => new(
        client.AllowedGrants,
        client.AccessTokenValidity,
        client.AccessTokenQuota,
        client.RefreshTokenValidity,
        client.RefreshTokenQuota,
        TokenSettings.ReadRedirectUris(client.RedirectUris),
        client.ConcurrencyStamp);

    private static object Audit(TokenSettings settings) => new
    {
        Grants = settings.AllowedGrants.ToString(),
        AccessValidity = settings.AccessTokenValidity,
        AccessQuota = settings.AccessTokenQuota,
        RefreshValidity = settings.RefreshTokenValidity,
        RefreshQuota = settings.RefreshTokenQuota,
        Redirects = string.Join(" ", settings.RedirectUris),
    };
}
