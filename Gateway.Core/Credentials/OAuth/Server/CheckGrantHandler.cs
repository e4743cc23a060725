using Microsoft.Extensions.DependencyInjection;
using ApiManager.Gateway.ApiUsers;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// The grant must be one the client's token settings allow (<c>unauthorized_client</c> otherwise); the password grant
/// needs an API user whose name and password match and who may use this client (<c>invalid_grant</c> otherwise).
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
        var verifier = grantType == GrantTypes.Password ? services.GetRequiredService<IResourceOwnerVerifier>() : null;
        var flag = FlagOf(grantType);
        if (flag == OAuthGrants.None || (client.Grants & flag) == 0)
        {
            context.Reject(Errors.UnauthorizedClient, $"The client is not allowed to use the {grantType} grant.");
            return;
        }

        if (verifier is not null)
        {
            // The overload with the Client ID also refuses users restricted to other clients.
            var owner = await verifier.VerifyAsync(context.Request.Username ?? "", context.Request.Password ?? "", client.Client.ClientId, context.CancellationToken);
            if (owner is null)
            {
                context.Reject(Errors.InvalidGrant, "The user name or password is wrong.");
                return;
            }

            context.Transaction.SetOwner(owner);
        }
    }
}
