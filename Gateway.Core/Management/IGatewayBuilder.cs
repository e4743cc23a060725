namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddGateway()</c> so hosts and tests can chain further gateway registrations.</summary>
public interface IGatewayBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class GatewayBuilder(IServiceCollection services) : IGatewayBuilder
{
    public IServiceCollection Services { get; } = services;
}
