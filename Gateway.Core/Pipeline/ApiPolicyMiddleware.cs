using System.Diagnostics;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// The first proxy-pipeline step: finds the API of the matched route in the active snapshot (one dictionary lookup),
/// answers 503 for an inactive API and 405 for a method it does not accept, identifies and authorises the client of a
/// non-public API (<see cref="ClientAuthenticator"/>: 401/403; the backend gets <c>X-Consumer-ID</c> and
/// <c>X-Consumer-Username</c> instead of the client's <c>Authorization</c>), marks a deprecated API, then forwards and
/// turns forwarding errors into problem bodies (502/504). Counts every answer in the API's metrics.
/// </summary>
internal sealed class ApiPolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DbProxyConfigProvider _provider;
    private readonly GatewayMetrics _metrics;
    private readonly ClientAuthenticator _authenticator;

    public ApiPolicyMiddleware(RequestDelegate next, DbProxyConfigProvider provider, GatewayMetrics metrics, ClientAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(authenticator);
        _next = next;
        _provider = provider;
        _metrics = metrics;
        _authenticator = authenticator;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var routeId = context.GetReverseProxyFeature().Route.Config.RouteId;
        var snapshot = _provider.Current;
        if (snapshot is null || !snapshot.Routes.TryGetValue(routeId, out var route))
        {
            // YARP still routes an API deleted a moment ago until it applies the new snapshot.
            _metrics.Unmatched.Count(GatewayError.RouteNotFound.Status);
            return GatewayProblem.WriteAsync(context, GatewayError.RouteNotFound);
        }

        var start = Stopwatch.GetTimestamp();
        if (route.Status == ApiStatus.Inactive)
        {
            return Reject(context, route, GatewayError.ApiInactive, start);
        }

        if (!route.AllowsMethod(context.Request.Method))
        {
            context.Response.Headers.Allow = route.AllowHeader;
            return Reject(context, route, GatewayError.MethodNotAllowed, start);
        }

        var headers = context.Request.Headers;
        if (route.IsPublic)
        {
            // The backend must be able to trust these: only the gateway sets them.
            headers.Remove(ConsumerIdHeader);
            headers.Remove(ConsumerUsernameHeader);
        }
        else
        {
            if (_authenticator.Authenticate(context, snapshot.Clients, route.ApiId, out var client) is { } denied)
            {
                if (denied.Status == StatusCodes.Status401Unauthorized)
                {
                    ClientAuthenticator.AddChallenge(context.Response);
                }

                return Reject(context, route, denied, start);
            }

            // Never forward the client's password; tell the backend who called instead.
            headers.Remove(HeaderNames.Authorization);
            headers[ConsumerIdHeader] = client!.ClientId;
            headers[ConsumerUsernameHeader] = client.ClientName;
        }

        if (route.DeprecationHeader is { } deprecation)
        {
            context.Response.Headers["Deprecation"] = deprecation;
        }

        return ForwardAsync(context, route, start);
    }

    /// <summary>Header carrying the calling client's Client ID to the backend.</summary>
    public const string ConsumerIdHeader = "X-Consumer-ID";

    /// <summary>Header carrying the calling client's name to the backend.</summary>
    public const string ConsumerUsernameHeader = "X-Consumer-Username";

    private static Task Reject(HttpContext context, RouteInfo route, GatewayError error, long start)
    {
        var write = GatewayProblem.WriteAsync(context, error);
        route.Meters.Record(error.Status, start);
        return write;
    }

    private async Task ForwardAsync(HttpContext context, RouteInfo route, long start)
    {
        try
        {
            await _next(context);
            if (context.GetForwarderErrorFeature() is { } failure && ErrorFor(failure.Error) is { } error)
            {
                await GatewayProblem.WriteAsync(context, error);
            }
        }
        finally
        {
            route.Meters.Record(context.Response.StatusCode, start);
        }
    }

    /// <summary>The problem to answer for a forwarding error, or null when the client went away (nothing to answer).</summary>
    internal static GatewayError? ErrorFor(ForwarderError error) => error switch
    {
        ForwarderError.RequestTimedOut => GatewayError.GatewayTimeout,
        ForwarderError.NoAvailableDestinations => GatewayError.BackendUnavailable,
        ForwarderError.RequestBodyClient => GatewayError.BadRequest,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient => null,
        _ => GatewayError.BadGateway,
    };
}
