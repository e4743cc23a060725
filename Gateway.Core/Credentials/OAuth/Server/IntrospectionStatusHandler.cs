using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// RFC 7662 on top of OpenIddict's signature and expiry checks: a token that is unknown to us, revoked, rotated or used
/// up is not active (OpenIddict answers <c>{"active": false}</c> for an <c>invalid_token</c> rejection).
/// </summary>
internal sealed class IntrospectionStatusHandler(TokenRegistry registry, OAuthTokenStore store) : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseScopedHandler<IntrospectionStatusHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Adds what RFC 7662 lists and OpenIddict leaves out for a presenter that is not an audience: scope and username.</summary>
    public static OpenIddictServerHandlerDescriptor CreateClaims(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseInlineHandler(static context =>
            {
                if (context.GenericTokenPrincipal is { } principal)
                {
                    context.Username ??= principal.GetClaim(Claims.Username);
                    foreach (var scope in principal.GetScopes())
                    {
                        context.Scopes.Add(scope);
                    }
                }

                return default;
            })
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GenericTokenPrincipal is not { } principal)
        {
            return;
        }

        var jti = RecordTokensHandlers.IdOf(principal);
        OAuthTokenStatus status;
        bool usedUp;
        if (!string.IsNullOrEmpty(jti) && registry.TryGet(jti, out var entry))
        {
            status = entry.Status;
            usedUp = entry.UsedUp;
        }
        else if (!string.IsNullOrEmpty(jti) && await store.FindAsync(jti, context.CancellationToken) is { } row)
        {
            status = row.Status;
            usedUp = row.UseQuota > 0 && row.Uses >= row.UseQuota;
        }
        else
        {
            context.Reject(Errors.InvalidToken, "The token is unknown.");
            return;
        }

        if (status != OAuthTokenStatus.Active || usedUp)
        {
            context.Reject(Errors.InvalidToken, status switch
            {
                OAuthTokenStatus.Revoked => "The token has been revoked.",
                OAuthTokenStatus.Rotated => "The token was replaced by a refresh.",
                _ => "The token has no uses left.",
            });
        }
    }
}
