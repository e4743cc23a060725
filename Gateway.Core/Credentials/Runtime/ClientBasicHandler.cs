using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>HTTP Basic with the client's Client ID and password (<see cref="ClientAuthenticator"/> does the work).</summary>
internal sealed class ClientBasicHandler(ClientAuthenticator authenticator) : ICredentialHandler
{
    public CredentialTypes Type => CredentialTypes.ClientBasic;

    public int Precedence => 300;

    public string Challenge(RouteInfo route) => ClientAuthenticator.Challenge;

    public bool IsPresent(HttpContext context, RouteInfo route) =>
        context.Request.Headers.Authorization is { Count: 1 } header && header[0] is { } value
        && value.StartsWith("Basic", StringComparison.OrdinalIgnoreCase);

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var error = authenticator.Authenticate(context, snapshot.Clients, route.ApiId, out var client);
        return new ValueTask<CredentialOutcome>(error is null
            ? new CredentialOutcome { Client = client, CredentialId = client!.ClientId, ClientChecked = true }
            : CredentialOutcome.Fail(error));
    }

    public GatewayError? Consume(in CredentialOutcome outcome) => null;

    public void Strip(HttpContext context, RouteInfo route) => context.Request.Headers.Remove(HeaderNames.Authorization);
}
