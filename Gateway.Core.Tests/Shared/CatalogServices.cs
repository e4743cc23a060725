using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>The real feature services over a <see cref="TempDatabase"/>, with a fake clock and a counting signal.</summary>
internal sealed class CatalogServices
{
    public CatalogServices(TempDatabase database)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Signal = new TestConfigSignal();
        var writer = new ConfigChangeWriter(Signal, new AuditRecorder(database.Factory, Time));
        Backends = new BackendService(database.Factory, writer, Time);
        Apis = new ApiService(database.Factory, writer, Time);
    }

    public FakeTimeProvider Time { get; }

    public TestConfigSignal Signal { get; }

    public BackendService Backends { get; }

    public ApiService Apis { get; }
}
