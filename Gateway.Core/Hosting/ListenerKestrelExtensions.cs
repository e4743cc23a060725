using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ApiManager.Gateway.Hosting;

/// <summary>Binds a listener from a URL and tags each of its connections with <see cref="IListenerFeature"/>.</summary>
public static class ListenerKestrelExtensions
{
    /// <summary>Listens on <paramref name="url"/> (http only; host 127.0.0.1, localhost, [::1], 0.0.0.0, * or an IP).</summary>
    /// <returns>The listen options, whose endpoint carries the bound port once the server started.</returns>
    public static ListenOptions ListenAs(this KestrelServerOptions kestrel, string url, ListenerKind listener)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"Listener URL '{url}' for the {listener} listener is not a valid http:// URL.");
        }

        ListenOptions? bound = null;
        void Configure(ListenOptions options)
        {
            bound = options;
            var feature = listener == ListenerKind.Gateway ? ListenerFeature.Gateway : ListenerFeature.Console;
            options.Use(next => connection =>
            {
                connection.Features.Set<IListenerFeature>(feature);
                return next(connection);
            });
        }

        if (uri.Host == "localhost")
        {
            kestrel.Listen(IPAddress.Loopback, uri.Port, Configure);
        }
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, uri.Port, Configure);
        }
        else
        {
            throw new InvalidOperationException($"Listener URL '{url}' must name an IP address or localhost.");
        }

        return bound!;
    }
}
