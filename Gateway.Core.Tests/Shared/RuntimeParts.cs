using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>A <see cref="DbProxyConfigProvider"/> over a fake reader, with YARP's real config validator.</summary>
internal sealed class RuntimeParts : IDisposable
{
    private readonly ServiceProvider _yarp;

    public RuntimeParts(CatalogRows rows, IConfigValidator? validator = null)
    {
        _yarp = new ServiceCollection().AddLogging().AddAuthorization().AddReverseProxy().Services.BuildServiceProvider();
        Reader = new FakeCatalogReader(rows);
        Status = new GatewayRuntimeStatus();
        Metrics = new GatewayMetrics();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Provider = new DbProxyConfigProvider(Reader, validator ?? _yarp.GetRequiredService<IConfigValidator>(), Status, Metrics, Time, NullLogger<DbProxyConfigProvider>.Instance);
    }

    public FakeCatalogReader Reader { get; }

    public GatewayRuntimeStatus Status { get; }

    public GatewayMetrics Metrics { get; }

    public FakeTimeProvider Time { get; }

    public DbProxyConfigProvider Provider { get; }

    public void Dispose()
    {
        Provider.Dispose();
        _yarp.Dispose();
    }
}
