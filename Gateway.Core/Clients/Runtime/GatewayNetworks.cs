using System.Net;
using ApiManager.Gateway.Management;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// The parsed <see cref="GatewayOptions.TrustedProxies"/> and <see cref="GatewayOptions.InternalNetworks"/>, and the
/// caller's address: the TCP peer, or, when the peer is a trusted proxy, the right-most untrusted address of
/// <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class GatewayNetworks
{
    public GatewayNetworks(IOptions<GatewayOptions> options)
        : this(options.Value.TrustedProxies, options.Value.InternalNetworks ?? GatewayOptions.DefaultInternalNetworks)
    {
    }

    public GatewayNetworks(IEnumerable<string> trustedProxies, IEnumerable<string> internalNetworks)
    {
        TrustedProxies = IpRangeSet.Parse(trustedProxies);
        InternalNetworks = IpRangeSet.Parse(internalNetworks);
    }

    public IpRangeSet TrustedProxies { get; }

    public IpRangeSet InternalNetworks { get; }

    /// <summary>The address the request comes from, normalized (IPv4-mapped IPv6 as IPv4); null when unknown.</summary>
    public IPAddress? CallerAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null)
        {
            return null;
        }

        peer = IpRange.Normalize(peer);
        if (TrustedProxies.Count == 0 || !TrustedProxies.Contains(peer))
        {
            return peer;
        }

        var forwarded = context.Request.Headers["X-Forwarded-For"];
        for (var h = forwarded.Count - 1; h >= 0; h--)
        {
            var parts = (forwarded[h] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(parts[i], out var hop))
                {
                    // A malformed hop: the caller is unknown (no binding or internal network matches it).
                    return null;
                }

                hop = IpRange.Normalize(hop);
                if (!TrustedProxies.Contains(hop))
                {
                    return hop;
                }

                peer = hop;
            }
        }

        // Every hop is a trusted proxy: the left-most one is the best we know.
        return peer;
    }
}
