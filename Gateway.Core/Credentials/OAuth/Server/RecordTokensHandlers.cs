using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// Sign-in steps around OpenIddict's token generation: decide whether a refresh token is issued, give both tokens our
/// jti, then write their rows (and register them with the gateway) once they are generated.
/// </summary>
internal sealed class RecordTokensHandlers(OAuthTokenStore store, TimeProvider timeProvider) : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>Private claim naming a refresh token's row (OpenIddict assigns the <c>jti</c> of the tokens it generates).</summary>
    public const string RefreshIdClaim = "am_rid";

    /// <summary>The row id of a token principal: the refresh id claim, else the <c>jti</c>.</summary>
    public static string? IdOf(System.Security.Claims.ClaimsPrincipal? principal) =>
        principal is null ? null : principal.GetClaim(RefreshIdClaim) ?? principal.GetClaim(Claims.JwtId);

    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<RecordTokensHandlers>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Decides whether a refresh token is issued (the grant's issue state says so).</summary>
    public static OpenIddictServerHandlerDescriptor CreateDecide(int order) =>
        WithState(order, static (context, state) => context.GenerateRefreshToken = context.IncludeRefreshToken = state.IssueRefresh);

    /// <summary>Stamps the refresh token with the id of its row.</summary>
    public static OpenIddictServerHandlerDescriptor CreateStampIds(int order) =>
        WithState(order, static (context, state) => context.RefreshTokenPrincipal?.SetClaim(RefreshIdClaim, state.RefreshJti));

    /// <summary>An inline sign-in handler that runs <paramref name="apply"/> when the request carries our issue state.</summary>
    private static OpenIddictServerHandlerDescriptor WithState(int order, Action<ProcessSignInContext, IssueState> apply) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseInlineHandler(context =>
            {
                if (State(context) is { } state)
                {
                    apply(context, state);
                }

                return default;
            })
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (State(context) is not { } state || context.AccessTokenPrincipal is not { } accessPrincipal || string.IsNullOrEmpty(context.AccessToken))
        {
            return;
        }

        var accessJti = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(context.AccessToken).Id;

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var client = state.Client;
        var scope = string.Join(' ', client.ScopeNames);
        var groups = OAuthTokenStore.JoinGroups(client.GroupIds);
        var redeemed = state.Redeemed;
        var refreshIssued = context.RefreshTokenPrincipal is not null && !string.IsNullOrEmpty(context.RefreshToken);
        var family = redeemed?.FamilyId ?? (refreshIssued ? state.RefreshJti : accessJti);
        var access = new OAuthToken
        {
            Jti = accessJti,
            Kind = OAuthTokenKind.Access,
            ApiClientId = client.Client.Id,
            Subject = state.Subject,
            UserName = state.UserName,
            Scope = scope,
            GroupIds = groups,
            FamilyId = family,
            RefreshJti = refreshIssued ? state.RefreshJti : null,
            IssuedAt = now,
            ExpiresAt = accessPrincipal.GetExpirationDate()?.UtcDateTime ?? now.AddSeconds(client.AccessTokenValidity),
            UseQuota = client.AccessTokenQuota,
        };
        OAuthToken? refresh = null;
        if (refreshIssued)
        {
            refresh = new OAuthToken
            {
                Jti = state.RefreshJti,
                Kind = OAuthTokenKind.Refresh,
                ApiClientId = client.Client.Id,
                Subject = state.Subject,
                UserName = state.UserName,
                Scope = scope,
                GroupIds = groups,
                FamilyId = family,
                IssuedAt = now,
                ExpiresAt = context.RefreshTokenPrincipal!.GetExpirationDate()?.UtcDateTime ?? now.AddSeconds(client.RefreshTokenValidity),
                UseQuota = redeemed?.UseQuota ?? client.RefreshTokenQuota,
                Uses = redeemed?.Uses ?? 0,
            };
        }

        await store.RecordAsync(access, refresh, context.CancellationToken);
    }

    private static IssueState? State(ProcessSignInContext context) =>
        context.Transaction.Properties.TryGetValue(typeof(IssueState).FullName!, out var value) ? value as IssueState : null;
}
