namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>Counts requests in flight across several <see cref="HealthTarget"/>s and keeps the highest count seen.</summary>
internal sealed class ConcurrencyMeter
{
    private int _current;
    private int _max;

    public int Max => Volatile.Read(ref _max);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _current);
}
