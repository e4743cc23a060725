using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>
/// HTTP Basic with the client's Client ID and password (<see cref="ClientAuthenticator"/> does the work): Kong's
/// basic-auth, read from <c>Proxy-Authorization</c>, then <c>Authorization</c>, challenged with the API's realm.
/// </summary>
internal sealed class ClientBasicHandler(ClientAuthenticator authenticator) : ICredentialHandler
{
    public CredentialTypes Type => CredentialTypes.ClientBasic;

    public int Precedence => 300;

    public string Challenge(RouteInfo route) => route.Authentication.BasicChallenge;

    public bool IsPresent(HttpContext context, RouteInfo route) => HeaderName(context.Request.Headers) is not null;

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var headers = context.Request.Headers;
        var value = HeaderName(headers) is { } name ? headers[name][0] : null;
        var error = authenticator.Authenticate(context, value, snapshot.Clients, route.ApiId, out var client);
        return new ValueTask<CredentialOutcome>(error is null
            ? new CredentialOutcome { Client = client, CredentialId = client!.ClientId, ClientChecked = true }
            : CredentialOutcome.Fail(error) with { Client = client, CredentialId = client?.ClientId });
    }

    public GatewayError? Consume(in CredentialOutcome outcome) => null;

    public void Strip(HttpContext context, RouteInfo route)
    {
        if (HeaderName(context.Request.Headers) is { } name)
        {
            context.Request.Headers.Remove(name);
        }
    }

    /// <summary><c>Proxy-Authorization</c> when it carries Basic, else <c>Authorization</c> when it does, else null.</summary>
    private static string? HeaderName(IHeaderDictionary headers)
    {
        if (IsBasic(headers[HeaderNames.ProxyAuthorization]))
        {
            return HeaderNames.ProxyAuthorization;
        }

        return IsBasic(headers.Authorization) ? HeaderNames.Authorization : null;
    }

    private static bool IsBasic(Microsoft.Extensions.Primitives.StringValues header) =>
        header is { Count: 1 } && header[0] is { } value && value.StartsWith("Basic", StringComparison.OrdinalIgnoreCase);
}
