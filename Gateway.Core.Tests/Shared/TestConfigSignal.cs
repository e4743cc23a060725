using ApiManager.Gateway.Runtime;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>Counts config-change notifications.</summary>
internal sealed class TestConfigSignal : IGatewayConfigSignal
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void NotifyChanged() => Interlocked.Increment(ref _count);
}
