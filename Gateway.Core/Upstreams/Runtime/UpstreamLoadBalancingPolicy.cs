using System.Net;
using ApiManager.Gateway.Credentials.Runtime;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// The YARP load-balancing policy of clusters served by an upstream: weighted round-robin, least-connections or
/// consistent hashing over the targets that have weight and are healthy. Returns null when none is left, which YARP
/// answers as <c>NoAvailableDestinations</c> and the gateway as 503 <c>no_healthy_upstream</c>.
/// </summary>
internal sealed class UpstreamLoadBalancingPolicy(UpstreamRuntimeCatalog catalog, UpstreamHealthRegistry health) : ILoadBalancingPolicy
{
    /// <summary>The policy name set on upstream clusters.</summary>
    public const string PolicyName = "ApiManagerUpstream";

    /// <summary>Cluster metadata key holding the upstream's name.</summary>
    public const string MetadataKey = "Upstream";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        var upstream = catalog.ForCluster(cluster.ClusterId);
        if (upstream is null || availableDestinations.Count == 0)
        {
            return null;
        }

        var view = upstream.View(health);
        if (view.EligibleCount == 0)
        {
            return null;
        }

        if (upstream.Algorithm == UpstreamAlgorithms.LeastConnections)
        {
            return LeastConnections(upstream, view, availableDestinations);
        }

        if (upstream.Hashes && KeyHash(context, upstream) is { } hash)
        {
            var owner = view.Locate(hash);
            if (owner >= 0 && Find(upstream, availableDestinations, owner) is { } hashed)
            {
                return hashed;
            }
        }

        return RoundRobin(upstream, view, availableDestinations);
    }

    private static DestinationState? RoundRobin(CompiledUpstream upstream, BalancerView view, IReadOnlyList<DestinationState> available)
    {
        // A target YARP itself considers unavailable is passed over; the cycle moves on to the next one.
        var attempts = view.Cycle?.Length ?? upstream.Targets.Length;
        for (var i = 0; i < attempts && i < 64; i++)
        {
            var index = view.NextRoundRobin();
            if (index < 0)
            {
                return null;
            }

            if (Find(upstream, available, index) is { } destination)
            {
                return destination;
            }
        }

        return null;
    }

    /// <summary>Lowest (active + 1) / weight, as APISIX; ties rotate.</summary>
    private static DestinationState? LeastConnections(CompiledUpstream upstream, BalancerView view, IReadOnlyList<DestinationState> available)
    {
        DestinationState? best = null;
        long bestLoad = 0;
        long bestWeight = 1;
        var count = available.Count;
        var start = view.NextOffset(count);
        for (var n = 0; n < count; n++)
        {
            var destination = available[(start + n) % count];
            if (!upstream.TargetIndexes.TryGetValue(destination.DestinationId, out var index) || !view.Eligible[index])
            {
                continue;
            }

            long load = destination.ConcurrentRequestCount + 1;
            long weight = upstream.Targets[index].Weight;
            if (best is null || load * bestWeight < bestLoad * weight)
            {
                best = destination;
                bestLoad = load;
                bestWeight = weight;
            }
        }

        return best;
    }

    private static DestinationState? Find(CompiledUpstream upstream, IReadOnlyList<DestinationState> available, int index)
    {
        var target = upstream.Targets[index].Target;
        for (var i = 0; i < available.Count; i++)
        {
            if (string.Equals(available[i].DestinationId, target, StringComparison.OrdinalIgnoreCase))
            {
                return available[i];
            }
        }

        return null;
    }

    /// <summary>The hash of the request's key from hash_on, else hash_fallback; null when both are missing (not hashed).</summary>
    internal static uint? KeyHash(HttpContext context, CompiledUpstream upstream)
    {
        if (HashOf(context, upstream, upstream.HashOn) is { } primary)
        {
            return primary;
        }

        return upstream.HashFallback.Kind == UpstreamHashKinds.None ? null : HashOf(context, upstream, upstream.HashFallback);
    }

    private static uint? HashOf(HttpContext context, CompiledUpstream upstream, HashSource source)
    {
        var request = context.Request;
        switch (source.Kind)
        {
            case UpstreamHashKinds.Consumer:
                var caller = context.Features.Get<CallerFeature>();
                return caller is null ? null : CompiledUpstream.Hash(caller.Client.ClientId);
            case UpstreamHashKinds.Ip:
                return context.Connection.RemoteIpAddress is { } address ? HashAddress(address) : null;
            case UpstreamHashKinds.Header:
                var header = request.Headers[source.Name!];
                return header.Count == 0 || string.IsNullOrEmpty(header[0]) ? null : CompiledUpstream.Hash(header[0]);
            case UpstreamHashKinds.Cookie:
                var cookie = request.Cookies[source.Name!];
                if (string.IsNullOrEmpty(cookie))
                {
                    // As Kong: a client without the cookie gets one, so its next requests stick to the same target.
                    cookie = Guid.NewGuid().ToString("N");
                    context.Response.Headers.Append("Set-Cookie", source.Name + "=" + cookie + "; Path=" + upstream.CookiePath + "; SameSite=Lax; HttpOnly");
                }

                return CompiledUpstream.Hash(cookie);
            case UpstreamHashKinds.Path:
                return CompiledUpstream.Hash(request.Path.Value ?? "/");
            case UpstreamHashKinds.QueryArg:
                var value = request.Query[source.Name!];
                return value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : CompiledUpstream.Hash(value[0]);
            default:
                return null;
        }
    }

    private static uint HashAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var written)
            ? System.IO.Hashing.XxHash32.HashToUInt32(bytes[..written])
            : CompiledUpstream.Hash(address.ToString());
    }
}
