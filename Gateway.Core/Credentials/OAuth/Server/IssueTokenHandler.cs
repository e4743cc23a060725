using System.Globalization;
using System.Security.Claims;
using ApiManager.Gateway.ApiUsers;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// Builds the principal of a token request: <c>sub</c> (client id, or the API user's id plus <c>username</c>), the
/// client's group and scope names as scope, the configured audience and the client's token lifetimes. A refresh first
/// redeems the presented refresh token (one use; rotated; its access token retired) and keeps its subject, family,
/// expiry and use count (a user token's user must still be active and allowed for the client). An authorization code is redeemed once (recorded) and gives the user's subject and name.
/// </summary>
internal sealed class IssueTokenHandler(OAuthTokenStore store, IResourceOwnerVerifier users, IOptions<OAuthOptions> options, TimeProvider timeProvider) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public const string AuthenticationType = "ApiManager.OAuth";

    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<IssueTokenHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetClient() is not { } client)
        {
            context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
            return;
        }

        var grantType = context.Request.GrantType;
        string subject;
        string? userName = null;
        OAuthToken? redeemed = null;
        if (grantType == GrantTypes.RefreshToken)
        {
            var jti = RecordTokensHandlers.IdOf(context.RefreshTokenPrincipal);
            if (string.IsNullOrEmpty(jti))
            {
                context.Reject(Errors.InvalidGrant, "The refresh token is unknown.");
                return;
            }

            var (token, error) = await store.RedeemRefreshAsync(jti, client.Client.Id, context.CancellationToken);
            if (token is null)
            {
                context.Reject(Errors.InvalidGrant, error);
                return;
            }

            redeemed = token;
            subject = token.Subject;
            userName = token.UserName;
            if (userName is not null
                && (!int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
                    || !await users.IsActiveAsync(userId, client.Client.ClientId, context.CancellationToken)))
            {
                context.Reject(Errors.InvalidGrant, "The user of this refresh token is disabled, locked, deleted or no longer allowed for this client.");
                return;
            }
        }
        else if (grantType == GrantTypes.AuthorizationCode)
        {
            // OpenIddict checked the code (signature, expiry, client, redirect_uri, code_verifier); degraded mode keeps no
            // record of it, so a redeemed code is recorded here and a second redemption refused.
            var code = context.AuthorizationCodePrincipal;
            var codeId = Authorize.CodeIdStamp.IdOf(code);
            subject = code?.GetClaim(Claims.Subject) ?? "";
            userName = code?.GetClaim(Claims.Username);
            if (code is null || string.IsNullOrEmpty(codeId) || subject.Length == 0)
            {
                context.Reject(Errors.InvalidGrant, "The authorization code is invalid.");
                return;
            }

            var expires = code.GetExpirationDate()?.UtcDateTime ?? timeProvider.GetUtcNow().UtcDateTime.AddMinutes(10);
            if (!await store.RedeemCodeAsync(codeId, client, subject, userName, expires, context.CancellationToken))
            {
                context.Reject(Errors.InvalidGrant, "The authorization code has already been used.");
                return;
            }
        }
        else if (grantType == GrantTypes.Password && context.Transaction.GetOwner() is { } owner)
        {
            subject = owner.Id.ToString(CultureInfo.InvariantCulture);
            userName = owner.UserName;
        }
        else
        {
            subject = client.Client.ClientId;
        }

        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        if (userName is not null)
        {
            identity.SetClaim(Claims.Username, userName);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(client.ScopeNames);
        principal.SetAudiences(options.Value.Audience);
        principal.SetPresenters(client.Client.ClientId);
        principal.SetAccessTokenLifetime(TimeSpan.FromSeconds(client.AccessTokenValidity));
        var issueRefresh = grantType != GrantTypes.ClientCredentials && (client.Grants & OAuthGrants.RefreshToken) != 0;
        if (redeemed is not null)
        {
            // The rotated refresh token keeps its family's expiry: N uses within the original period.
            var left = redeemed.ExpiresAt - timeProvider.GetUtcNow().UtcDateTime;
            principal.SetRefreshTokenLifetime(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
        else
        {
            principal.SetRefreshTokenLifetime(TimeSpan.FromSeconds(client.RefreshTokenValidity));
        }

        principal.SetDestinations(static _ => [Destinations.AccessToken]);
        context.Transaction.Properties[typeof(IssueState).FullName!] = new IssueState
        {
            Client = client,
            Subject = subject,
            UserName = userName,
            IssueRefresh = issueRefresh,
            Redeemed = redeemed,
        };
        context.SignIn(principal);
    }
}
