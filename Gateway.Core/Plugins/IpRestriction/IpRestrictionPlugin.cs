using System.Net;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiManager.Gateway.Plugins.IpRestriction;

/// <summary>
/// Rejects callers by the connection's remote address (IPv4-mapped IPv6 compared as IPv4): an address in
/// <c>deny</c> is refused first; when <c>allow</c> is set, an address outside it is refused too. The problem's code is
/// <c>ip_not_allowed</c>.
/// </summary>
internal sealed class IpRestrictionPlugin : GatewayPlugin
{
    /// <summary>The problem code of a refused address.</summary>
    public const string ErrorCode = "ip_not_allowed";

    /// <summary>Kong's default message; the caller's address is appended.</summary>
    public const string DefaultMessage = "IP address not allowed";

    private readonly IpRangeSet _allow;
    private readonly IpRangeSet _deny;
    private readonly int _status;
    private readonly string? _message;
    private readonly string _title;

    public IpRestrictionPlugin(int instanceId, IpRangeSet allow, IpRangeSet deny, int status, string? message)
        : base(PluginType.IpRestriction, instanceId)
    {
        _allow = allow;
        _deny = deny;
        _status = status;
        _message = message;
        _title = ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Forbidden";
    }

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is not null)
        {
            address = IpRange.Normalize(address);
        }

        return Allows(address) ? new(PluginVerdict.Continue) : new(PluginVerdict.Reject(ErrorFor(address)));
    }

    /// <summary>Deny first; then, when an allow list is set, the address must be in it. An unknown address is refused.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null || _deny.Contains(address))
        {
            return false;
        }

        return _allow.Count == 0 || _allow.Contains(address);
    }

    /// <summary>The rejection for <paramref name="address"/> (built only when a request is refused).</summary>
    public GatewayError ErrorFor(IPAddress? address) =>
        new(_status, ErrorCode, _title, _message ?? DefaultMessage + ": " + (address?.ToString() ?? "unknown"));
}
