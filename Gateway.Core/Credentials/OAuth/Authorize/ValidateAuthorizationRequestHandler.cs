using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>
/// Degraded mode leaves client checks of authorization requests to us: the client must exist, be usable and allow the
/// authorization_code grant (<c>unauthorized_client</c>), <c>redirect_uri</c> must equal one of its redirect URLs
/// exactly and <c>response_type</c> must be <c>code</c>. A rejected request is answered on the page itself: OpenIddict
/// never redirects a request that failed validation, so an unregistered URL is never redirected to.
/// </summary>
internal sealed class ValidateAuthorizationRequestHandler(AuthorizeClientStore clients) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseScopedHandler<ValidateAuthorizationRequestHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(context.Request.ResponseType, ResponseTypes.Code, StringComparison.Ordinal))
        {
            context.Reject(Errors.UnsupportedResponseType, "Only response_type=code is supported.");
            return;
        }

        var (client, error) = await clients.FindAsync(context.ClientId, context.CancellationToken);
        if (client is null)
        {
            context.Reject(Errors.UnauthorizedClient, error);
            return;
        }

        if (string.IsNullOrEmpty(context.RedirectUri) || !client.RedirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
        {
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
        }
    }
}
