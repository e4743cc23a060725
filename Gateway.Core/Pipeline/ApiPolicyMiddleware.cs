using System.Diagnostics;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// The first proxy-pipeline step: finds the API of the matched route in the active snapshot (one dictionary lookup),
/// answers 503 for an inactive API and 405 for a method it does not accept, identifies and authorises the client of a
/// non-public API with the credentials the API accepts (<see cref="CredentialDispatcher"/>: 401/403; the backend gets
/// <c>X-Consumer-*</c> headers instead of the credential), marks a deprecated API, then forwards and
/// turns forwarding errors into problem bodies (502/504). Counts every answer in the API's metrics.
/// </summary>
internal sealed class ApiPolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DbProxyConfigProvider _provider;
    private readonly GatewayMetrics _metrics;
    private readonly CredentialDispatcher _credentials;

    public ApiPolicyMiddleware(RequestDelegate next, DbProxyConfigProvider provider, GatewayMetrics metrics, CredentialDispatcher credentials)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(credentials);
        _next = next;
        _provider = provider;
        _metrics = metrics;
        _credentials = credentials;
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

        if (route.IsPublic)
        {
            CredentialDispatcher.ClearCallerHeaders(context.Request.Headers);
            return Proceed(context, route, start);
        }

        var authentication = _credentials.AuthenticateAsync(context, snapshot, route);
        return authentication.IsCompletedSuccessfully
            ? Authorized(context, route, authentication.Result, start)
            : AwaitAuthenticationAsync(context, route, authentication, start);
    }

    private async Task AwaitAuthenticationAsync(HttpContext context, RouteInfo route, ValueTask<GatewayError?> authentication, long start) =>
        await Authorized(context, route, await authentication, start);

    private Task Authorized(HttpContext context, RouteInfo route, GatewayError? denied, long start) =>
        denied is null ? Proceed(context, route, start) : Reject(context, route, denied, start);

    private Task Proceed(HttpContext context, RouteInfo route, long start)
    {
        if (route.DeprecationHeader is { } deprecation)
        {
            context.Response.Headers["Deprecation"] = deprecation;
        }

        return ForwardAsync(context, route, start);
    }

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
