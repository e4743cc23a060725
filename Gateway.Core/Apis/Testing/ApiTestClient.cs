using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Management;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Apis.Testing;

/// <summary>
/// The HTTP client the API Test sends through (no cookies, no redirects, 30 s timeout) and the gateway listener's
/// address: the bound one once the server runs, else the configured <c>Gateway:Url</c>.
/// </summary>
internal sealed class ApiTestClient : IDisposable
{
    /// <summary>How long a test call may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ListenerAddresses _listeners;
    private readonly IOptions<GatewayOptions> _options;

    public ApiTestClient(ListenerAddresses listeners, IOptions<GatewayOptions> options)
        : this(listeners, options, new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
    }

    /// <summary>For tests: sends through <paramref name="handler"/>.</summary>
    internal ApiTestClient(ListenerAddresses listeners, IOptions<GatewayOptions> options, HttpMessageHandler handler)
    {
        _listeners = listeners;
        _options = options;
        Http = new HttpClient(handler) { Timeout = Timeout };
    }

    public HttpClient Http { get; }

    /// <summary>The gateway listener's base URL.</summary>
    public Uri GatewayUri => _listeners.GetUri(ListenerKind.Gateway) ?? Configured(_options.Value.Url);

    /// <summary>The configured URL, with a wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>) replaced by loopback.</summary>
    internal static Uri Configured(string? url)
    {
        var text = (url ?? "").Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : new Uri("http://127.0.0.1:8080");
    }

    public void Dispose() => Http.Dispose();
}
