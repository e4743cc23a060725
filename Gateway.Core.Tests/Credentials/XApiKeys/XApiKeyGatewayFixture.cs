using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Credentials.XApiKeys.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Credentials.XApiKeys;

/// <summary>
/// One gateway host and backend for the X-Api-Key tests. The X-Api-Key handler reads <see cref="Clock"/> (a fake clock
/// that starts at the real time) so tests can move past effective and expiry instants; the rest of the host keeps the
/// system clock (its snapshot rebuild timers must keep running).
/// </summary>
public sealed class XApiKeyGatewayFixture : IAsyncLifetime
{
    private int _names;

    internal GatewayHost Host { get; private set; } = null!;

    internal TestBackend Backend { get; private set; } = null!;

    internal FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    internal int BackendId { get; private set; }

    internal string UniqueName(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Backend = await TestBackend.StartAsync("xapikey", cancellationToken);
        Host = await GatewayHost.StartAsync(cancellationToken, services =>
        {
            var registered = services.Single(d => d.ServiceType == typeof(ICredentialHandler) && d.ImplementationType == typeof(XApiKeyHandler));
            services.Remove(registered);
            services.AddSingleton<ICredentialHandler>(sp => new XApiKeyHandler(sp.GetRequiredService<ClientAuthenticator>(), Clock));

            // The console registers the outbox; the key service queues its mail there.
            services.AddMailOutbox(new ConfigurationBuilder().Build());
        });
        BackendId = (await Host.CreateBackendAsync("xapikey", Backend.Port, cancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
