using ApiManager.Gateway.Hosting;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// Each OAuth endpoint lives on one listener: the authorization endpoint (sign-in and consent page) on the console, all
/// others on the gateway. Elsewhere OpenIddict lets the request pass (it then finds no endpoint: 404). A request the
/// OAuth branch already processed is not processed again by the console's own authentication step.
/// </summary>
internal sealed class GatewayListenerOnlyHandler : IOpenIddictServerHandler<ProcessRequestContext>
{
    private const string ProcessedKey = "apimanager:processed";

    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<GatewayListenerOnlyHandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var listener = context.Transaction.GetHttpRequest()?.HttpContext.Features.Get<IListenerFeature>()?.Listener ?? ListenerKind.Console;
        var expected = context.EndpointType == OpenIddictServerEndpointType.Authorization ? ListenerKind.Console : ListenerKind.Gateway;
        if (listener != expected || context.Transaction.Properties.ContainsKey(ProcessedKey))
        {
            context.SkipRequest();
            return default;
        }

        context.Transaction.Properties[ProcessedKey] = true;
        return default;
    }
}
