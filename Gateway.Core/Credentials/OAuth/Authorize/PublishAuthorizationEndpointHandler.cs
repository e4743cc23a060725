using ApiManager.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>
/// Discovery is served by the gateway but the authorization endpoint lives on the console listener: publish its absolute
/// URL (<c>OAuth:AuthorizationEndpoint</c>, else the bound console URL + <c>/oauth/authorize</c>).
/// </summary>
internal sealed class PublishAuthorizationEndpointHandler(IOptions<OAuthOptions> options, ListenerAddresses listeners) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<PublishAuthorizationEndpointHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Resolve() is { } uri)
        {
            context.AuthorizationEndpoint = uri;
        }

        return default;
    }

    public Uri? Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.AuthorizationEndpoint))
        {
            return new Uri(options.Value.AuthorizationEndpoint, UriKind.Absolute);
        }

        return listeners.GetUri(ListenerKind.Console) is { } console ? new Uri(console, OAuthServiceCollectionExtensions.AuthorizePath) : null;
    }
}
