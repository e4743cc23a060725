using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>
/// Authenticates the caller of a non-public API: picks the first credential the API accepts that the request carries
/// (<see cref="ICredentialHandler.Precedence"/> order), lets its handler validate it, applies the client checks every
/// credential shares (<see cref="ClientAuthenticator.CheckStatus"/>, <see cref="ClientAuthenticator.CheckAccess"/>),
/// counts the credential's use, strips it (unless the API forwards credentials) and tells the backend who called.
/// A 401 always carries <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class CredentialDispatcher
{
    /// <summary>Header carrying the calling client's Client ID to the backend.</summary>
    public const string ConsumerIdHeader = "X-Consumer-ID";

    /// <summary>Header carrying the calling client's name to the backend.</summary>
    public const string ConsumerUsernameHeader = "X-Consumer-Username";

    /// <summary>Header carrying the calling client's Application No. (Kong's consumer custom_id), when it has one.</summary>
    public const string ConsumerCustomIdHeader = "X-Consumer-Custom-ID";

    /// <summary>Header carrying the credential's identifier (never the secret) to the backend.</summary>
    public const string CredentialIdentifierHeader = "X-Credential-Identifier";

    /// <summary>Header telling the backend the call proceeds as the API's anonymous client (Kong's <c>X-Anonymous-Consumer: true</c>).</summary>
    public const string AnonymousConsumerHeader = "X-Anonymous-Consumer";

    private readonly ICredentialHandler[] _handlers;
    private readonly ClientAuthenticator _clients;
    private readonly ClientTpsLimiter _tps;
    private readonly ClientQuotaCounter _quota;

    public CredentialDispatcher(IEnumerable<ICredentialHandler> handlers, ClientAuthenticator clients, ClientTpsLimiter tps, ClientQuotaCounter quota)
    {
        ArgumentNullException.ThrowIfNull(tps);
        ArgumentNullException.ThrowIfNull(quota);
        _tps = tps;
        _quota = quota;
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(clients);
        _handlers = [.. handlers.OrderBy(h => h.Precedence)];
        _clients = clients;
    }

    /// <summary>The handlers, in the order they are asked.</summary>
    public IReadOnlyList<ICredentialHandler> Handlers => _handlers;

    /// <summary>Removes the gateway's own caller headers from a public API's request: the backend must be able to trust them.</summary>
    public static void ClearCallerHeaders(IHeaderDictionary headers)
    {
        headers.Remove(ConsumerIdHeader);
        headers.Remove(ConsumerUsernameHeader);
        headers.Remove(ConsumerCustomIdHeader);
        headers.Remove(CredentialIdentifierHeader);
        headers.Remove(AnonymousConsumerHeader);
    }

    /// <summary>
    /// Lets the call through as <paramref name="caller"/>: the gateway's caller headers (Client ID, name, Application No.,
    /// credential identifier, anonymous flag) replace any the request brought, and later stages find the caller feature.
    /// A caller without a credential type is the API's anonymous client.
    /// </summary>
    private static void Admit(HttpContext context, CallerFeature caller)
    {
        var headers = context.Request.Headers;
        headers[ConsumerIdHeader] = caller.Client.ClientId;
        headers[ConsumerUsernameHeader] = caller.Client.ClientName;
        SetOrRemove(headers, ConsumerCustomIdHeader, caller.Client.CustomId);
        SetOrRemove(headers, CredentialIdentifierHeader, caller.CredentialId);
        SetOrRemove(headers, AnonymousConsumerHeader, caller.Type == CredentialTypes.None ? "true" : null);
        context.Features.Set(caller);
    }

    /// <summary>
    /// A client was identified but a later check refused it (status, access, TPS, quota, use count): the call log
    /// still records who called. Only refusals pay for this; admitted callers are found through <see cref="CallerFeature"/>.
    /// </summary>
    private static void RecordRefusedCaller(HttpContext context, CallerFeature caller)
    {
        if (CallFacts.Of(context) is { } facts)
        {
            facts.RefusedCaller = caller;
        }
    }

    private static void SetOrRemove(IHeaderDictionary headers, string name, string? value)
    {
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }
    }

    /// <summary>Returns null when the caller may proceed (headers set), else the error to answer (challenge set).</summary>
    public ValueTask<GatewayError?> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var accepted = route.AcceptedCredentials;
        foreach (var handler in _handlers)
        {
            if ((accepted & handler.Type) == 0 || !handler.IsPresent(context, route))
            {
                continue;
            }

            var pending = handler.AuthenticateAsync(context, snapshot, route);
            return pending.IsCompletedSuccessfully
                ? new ValueTask<GatewayError?>(Complete(context, snapshot, route, handler, pending.Result))
                : AwaitAsync(context, snapshot, route, handler, pending);
        }

        return new ValueTask<GatewayError?>(NoCredential(context, snapshot, route));
    }

    private async ValueTask<GatewayError?> AwaitAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route, ICredentialHandler handler, ValueTask<CredentialOutcome> pending) =>
        Complete(context, snapshot, route, handler, await pending);

    /// <summary>
    /// TPS/Node of the identified client (counts the call, sets the RateLimit headers, 429 beyond the limit), then its
    /// API quota (429 <c>quota_exceeded</c>): a call refused for its rate spends no quota.
    /// </summary>
    private GatewayError? LimitRate(HttpContext context, ClientEntry client)
    {
        var decision = _tps.Acquire(client);
        ClientTpsLimiter.AddHeaders(context.Response, decision);
        return decision.Allowed ? _quota.Consume(context, client) : TrafficErrors.TpsExceeded;
    }

    /// <summary>
    /// No accepted credential in the request: a CORS preflight passes when a plugin skips preflights, the API's
    /// anonymous client (if any) proceeds with <c>X-Anonymous-Consumer: true</c> after the client checks, else 401.
    /// </summary>
    private GatewayError? NoCredential(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var authentication = route.Authentication;
        var request = context.Request;
        if (authentication.PreflightBypass && HttpMethods.IsOptions(request.Method)
            && request.Headers.ContainsKey(HeaderNames.Origin) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            ClearCallerHeaders(request.Headers);
            return null;
        }

        if (authentication.Anonymous is { } anonymous && snapshot.Clients.TryGet(anonymous, out var client))
        {
            var error = _clients.CheckStatus(client) ?? _clients.CheckAccess(context, client, route.ApiId, allowedGroups: null)
                ?? LimitRate(context, client);
            if (error is not null)
            {
                if (error.Status == StatusCodes.Status401Unauthorized)
                {
                    AddChallenges(context.Response, route, error, only: null);
                }

                RecordRefusedCaller(context, new CallerFeature(client, CredentialTypes.None, null, null));
                return error;
            }

            Admit(context, new CallerFeature(client, CredentialTypes.None, null, null));
            return null;
        }

        AddChallenges(context.Response, route, error: null, only: null);
        return route.MissingCredentialError;
    }

    private GatewayError? Complete(HttpContext context, GatewaySnapshot snapshot, RouteInfo route, ICredentialHandler handler, CredentialOutcome outcome)
    {
        var error = outcome.Error;
        if (error is not null && ReferenceEquals(error, route.Authentication.KeyErrors.NoKey) && route.Authentication.Anonymous is not null)
        {
            // key-auth claimed a body that turned out to hold no key: the request carries no credential after all.
            return NoCredential(context, snapshot, route);
        }

        if (error is null && outcome.Client is { } client)
        {
            if (!outcome.ClientChecked)
            {
                error = _clients.CheckStatus(client) ?? _clients.CheckAccess(context, client, route.ApiId, outcome.AllowedGroups);
            }

            // A call refused for its rate spends no token use or signed-key quota.
            error ??= LimitRate(context, client);
            error ??= handler.Consume(outcome);
        }
        else
        {
            error ??= GatewayError.InvalidCredential;
        }

        if (error is not null)
        {
            if (error.Status == StatusCodes.Status401Unauthorized)
            {
                AddChallenges(context.Response, route, error, handler);
            }

            if (outcome.Client is { } refused)
            {
                RecordRefusedCaller(context, new CallerFeature(refused, handler.Type, outcome.CredentialId, outcome.Subject));
            }

            return error;
        }

        // ForwardCredentials is the master switch; a plugin's hide_credentials strips its credential even when it is on.
        if (!route.ForwardCredentials || route.Authentication.Hides(handler.Type))
        {
            handler.Strip(context, route);
        }

        Admit(context, new CallerFeature(outcome.Client!, handler.Type, outcome.CredentialId, outcome.Subject));
        return null;
    }

    /// <summary>
    /// The error's own challenge, else the failing handler's; without a handler (no credential at all) one challenge
    /// per accepted credential type, as RFC 9110 allows.
    /// </summary>
    private void AddChallenges(HttpResponse response, RouteInfo route, GatewayError? error, ICredentialHandler? only)
    {
        if (error?.Challenge is { } own)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = own;
            return;
        }

        if (only is not null)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = only.Challenge(route);
            return;
        }

        var values = new List<string>(_handlers.Length);
        foreach (var handler in _handlers)
        {
            if ((route.AcceptedCredentials & handler.Type) != 0)
            {
                var challenge = handler.Challenge(route);
                if (!values.Contains(challenge))
                {
                    values.Add(challenge);
                }
            }
        }

        response.Headers[HeaderNames.WWWAuthenticate] = new StringValues([.. values]);
    }
}
