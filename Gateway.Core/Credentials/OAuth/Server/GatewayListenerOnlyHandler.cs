using ApiManager.Gateway.Hosting;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>The OAuth endpoints live on the gateway listener only: elsewhere (the console's authentication) OpenIddict lets the request pass.</summary>
internal sealed class GatewayListenerOnlyHandler : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<GatewayListenerOnlyHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest()?.HttpContext.Features.Get<IListenerFeature>() is not { Listener: ListenerKind.Gateway })
        {
            context.SkipRequest();
        }

        return default;
    }
}
