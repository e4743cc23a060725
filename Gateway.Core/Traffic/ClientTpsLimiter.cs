using System.Collections.Concurrent;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// TPS/Node (digiRunner's per-client limit): calls per client on this gateway node in fixed one-second windows
/// aligned to the clock's seconds; 0 = unlimited. One lock-free counter per client (window second and count packed in
/// one 64-bit value, updated by compare-and-swap), so the check costs a dictionary lookup and one atomic operation.
/// </summary>
internal sealed class ClientTpsLimiter(TimeProvider timeProvider)
{
    private const int CountBits = 24;
    private const long CountMask = (1L << CountBits) - 1;

    private readonly ConcurrentDictionary<int, StrongBox> _windows = new();

    /// <summary>Counts one call of <paramref name="client"/> in the current second and says whether it is within the limit.</summary>
    public TpsDecision Acquire(ClientEntry client)
    {
        var limit = client.TpsPerNode;
        if (limit <= 0)
        {
            return TpsDecision.Unlimited;
        }

        var now = timeProvider.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var window = _windows.GetOrAdd(client.Id, static _ => new StrongBox());
        long count;
        while (true)
        {
            var current = Volatile.Read(ref window.Value);
            long next;
            if (current >> CountBits == second)
            {
                count = (current & CountMask) + 1;
                next = count > CountMask ? current : current + 1;
            }
            else
            {
                count = 1;
                next = (second << CountBits) | 1;
            }

            if (Interlocked.CompareExchange(ref window.Value, next, current) == current)
            {
                break;
            }
        }

        return new TpsDecision(count <= limit, limit, (int)Math.Max(0, limit - count));
    }

    /// <summary>
    /// Sets <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (the window is one second, so
    /// the reset is always 1) for a limited client, and <c>Retry-After</c> when the call was refused.
    /// </summary>
    public static void AddHeaders(Microsoft.AspNetCore.Http.HttpResponse response, TpsDecision decision)
    {
        if (!decision.IsLimited)
        {
            return;
        }

        var headers = response.Headers;
        headers["RateLimit-Limit"] = NumberText.Of(decision.Limit);
        headers["RateLimit-Remaining"] = NumberText.Of(decision.Remaining);
        headers["RateLimit-Reset"] = "1";
        if (!decision.Allowed)
        {
            headers.RetryAfter = "1";
        }
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
