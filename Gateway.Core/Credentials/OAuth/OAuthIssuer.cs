using ApiManager.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>The issuer URI tokens are issued with and checked against: <c>OAuth:Issuer</c>, else the bound gateway URL.</summary>
internal sealed class OAuthIssuer(IOptions<OAuthOptions> options, ListenerAddresses listeners)
{
    private Uri? _resolved;

    /// <summary>The issuer; null only before the gateway listener is bound when none is configured.</summary>
    public Uri? Uri => _resolved ??= Resolve();

    /// <summary>The issuer as tokens carry it (<c>iss</c>).</summary>
    public string? Value => Uri?.AbsoluteUri;

    private Uri? Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Issuer))
        {
            return new Uri(options.Value.Issuer, UriKind.Absolute);
        }

        return listeners.GetUri(ListenerKind.Gateway) is { } bound ? new Uri(bound, "/") : null;
    }
}
