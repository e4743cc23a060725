using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>
/// One credential type at the gateway. The <see cref="CredentialDispatcher"/> asks the handlers an API accepts, in
/// <see cref="Precedence"/> order, whether the request carries their credential; the first that does authenticates it.
/// Handlers read only the snapshot and memory: no database I/O on the request path.
/// </summary>
internal interface ICredentialHandler
{
    /// <summary>The type this handler serves (one flag).</summary>
    CredentialTypes Type { get; }

    /// <summary>Lower runs first: <c>Authorization</c>-header schemes before <c>X-Api-Key</c> before key-auth names.</summary>
    int Precedence { get; }

    /// <summary><c>WWW-Authenticate</c> value for a 401 without its own challenge (e.g. <c>Basic realm="ApiManager"</c>).</summary>
    string Challenge(RouteInfo route);

    /// <summary>Whether the request carries this handler's credential (cheap header, query or cookie checks only).</summary>
    bool IsPresent(HttpContext context, RouteInfo route);

    /// <summary>Validates the credential and names the client; an error outcome stops the request.</summary>
    ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route);

    /// <summary>
    /// Called once the client and API checks passed: counts one use of the credential (token uses, a signed key's
    /// quota) atomically and answers an error when none is left.
    /// </summary>
    GatewayError? Consume(in CredentialOutcome outcome);

    /// <summary>Removes the credential from the request before it is forwarded.</summary>
    void Strip(HttpContext context, RouteInfo route);
}
