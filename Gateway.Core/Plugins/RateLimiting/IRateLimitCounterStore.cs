namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// Where rate-limit counters live. The <c>local</c> policy is <see cref="LocalRateLimitCounterStore"/> (this node's
/// memory); a shared store (Redis, with the scale-out work) implements the same contract, one round trip per call
/// or batched like Kong's <c>sync_rate</c>. Implementations must be safe for concurrent callers and must complete
/// synchronously whenever they can (the gateway's hot path only awaits when the returned task is still pending).
/// </summary>
internal interface IRateLimitCounterStore
{
    /// <summary>
    /// Adds <paramref name="delta"/> (1 to count a call, −1 to give back a refused one) to the counter of
    /// <paramref name="key"/> and returns its new value. The counter may be forgotten once <paramref name="windowEndTicks"/>
    /// (UTC ticks) has passed.
    /// </summary>
    ValueTask<long> AddAsync(in RateLimitCounterKey key, long delta, long windowEndTicks);
}
