using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ApiManager.Gateway.Hosting;

/// <summary>Remembers each listener's Kestrel binding so the actual address (port 0 in tests) can be read after start.</summary>
public sealed class ListenerAddresses
{
    private readonly Dictionary<ListenerKind, ListenOptions> _bindings = [];

    /// <summary>Records the binding of <paramref name="listener"/>.</summary>
    public void Register(ListenerKind listener, ListenOptions options)
    {
        lock (_bindings)
        {
            _bindings[listener] = options;
        }
    }

    /// <summary>The listener's base URL once the server has bound it (e.g. <c>http://127.0.0.1:8080</c>), else null.</summary>
    public Uri? GetUri(ListenerKind listener)
    {
        lock (_bindings)
        {
            if (!_bindings.TryGetValue(listener, out var options) || options.IPEndPoint is not IPEndPoint endpoint)
            {
                return null;
            }

            var host = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endpoint.Address;
            return new Uri($"http://{new IPEndPoint(host, endpoint.Port)}");
        }
    }
}
