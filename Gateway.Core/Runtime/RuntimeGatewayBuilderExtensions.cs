using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

internal static class RuntimeGatewayBuilderExtensions
{
    /// <summary>The config signal, snapshot and YARP config provider.</summary>
    public static IGatewayBuilder AddRuntime(this IGatewayBuilder builder)
    {
        builder.Services.TryAddSingleton<GatewayRuntimeStatus>();
        builder.Services.TryAddSingleton<ChannelConfigSignal>();
        builder.Services.TryAddSingleton<IGatewayConfigSignal>(sp => sp.GetRequiredService<ChannelConfigSignal>());
        return builder;
    }
}
