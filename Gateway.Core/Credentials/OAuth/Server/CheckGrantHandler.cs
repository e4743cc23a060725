using ApiManager.Gateway.ApiUsers;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// The grant must be one the client's token settings allow (<c>unauthorized_client</c> otherwise); the password grant
/// needs a resource-owner verifier (<c>unsupported_grant_type</c> without one) and a matching user (<c>invalid_grant</c>).
/// </summary>
internal sealed class CheckGrantHandler(IServiceProvider services) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<CheckGrantHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OAuthGrants FlagOf(string? grantType) => grantType switch
    {
        GrantTypes.ClientCredentials => OAuthGrants.ClientCredentials,
        GrantTypes.Password => OAuthGrants.Password,
        GrantTypes.RefreshToken => OAuthGrants.RefreshToken,
        GrantTypes.AuthorizationCode => OAuthGrants.AuthorizationCode,
        _ => OAuthGrants.None,
    };

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetClient() is not { } client)
        {
            return;
        }

        var grantType = context.Request.GrantType;
        var verifier = grantType == GrantTypes.Password ? (IResourceOwnerVerifier?)services.GetService(typeof(IResourceOwnerVerifier)) : null;
        if (grantType == GrantTypes.Password && verifier is null)
        {
            context.Reject(Errors.UnsupportedGrantType, "The password grant is not available: no user store is configured.");
            return;
        }

        var flag = FlagOf(grantType);
        if (flag == OAuthGrants.None || (client.Grants & flag) == 0)
        {
            context.Reject(Errors.UnauthorizedClient, $"The client is not allowed to use the {grantType} grant.");
            return;
        }

        if (verifier is not null)
        {
            var owner = await verifier.VerifyAsync(context.Request.Username ?? "", context.Request.Password ?? "", context.CancellationToken);
            if (owner is null)
            {
                context.Reject(Errors.InvalidGrant, "The user name or password is wrong.");
                return;
            }

            context.Transaction.SetOwner(owner);
        }
    }
}
