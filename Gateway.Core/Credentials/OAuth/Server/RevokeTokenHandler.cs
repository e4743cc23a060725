using ApiManager.Gateway.Common;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// RFC 7009: marks the presented token (a refresh token: its whole family) revoked in the database and the gateway's
/// registry at once. Tokens of another client or unknown ones change nothing; the answer is 200 either way.
/// </summary>
internal sealed class RevokeTokenHandler(OAuthTokenStore store) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    /// <summary>Audit source of revocations made by clients at the revocation endpoint.</summary>
    public const string ActorSource = "oauth";

    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RevokeTokenHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetClient() is not { } client || RecordTokensHandlers.IdOf(context.GenericTokenPrincipal) is not { Length: > 0 } jti)
        {
            return;
        }

        await store.RevokeAsync(jti, client.Client.Id, new Actor(client.Client.ClientId, ActorSource), context.CancellationToken);
    }
}
