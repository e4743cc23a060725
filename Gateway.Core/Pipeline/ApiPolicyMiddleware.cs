using System.Diagnostics;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// The first proxy-pipeline step: finds the API of the matched route in the active snapshot (one dictionary lookup),
/// answers 503 for an inactive API and 405 for a method it does not accept, identifies and authorises the client of a
/// non-public API with the credentials the API accepts (<see cref="CredentialDispatcher"/>: 401/403/429; the backend gets
/// <c>X-Consumer-*</c> headers instead of the credential), runs the API's plugins (<see cref="PluginChain"/>), marks a
/// deprecated API, then forwards and turns forwarding errors into problem bodies (502/504). Counts every answer in the
/// API's metrics and records the stage that answered in the request's <see cref="CallFacts"/>.
/// </summary>
internal sealed class ApiPolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DbProxyConfigProvider _provider;
    private readonly GatewayMetrics _metrics;
    private readonly CredentialDispatcher _credentials;
    private readonly PriorityAdmission _admission;
    private readonly ClientQuotaCounter _quota;

    public ApiPolicyMiddleware(RequestDelegate next, DbProxyConfigProvider provider, GatewayMetrics metrics, CredentialDispatcher credentials, PriorityAdmission admission, ClientQuotaCounter quota)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(quota);
        _next = next;
        _provider = provider;
        _metrics = metrics;
        _credentials = credentials;
        _admission = admission;
        _quota = quota;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var routeId = context.GetReverseProxyFeature().Route.Config.RouteId;
        var facts = CallFacts.Of(context);
        var snapshot = _provider.Current;
        if (snapshot is null || !snapshot.Routes.TryGetValue(routeId, out var route))
        {
            // YARP still routes an API deleted a moment ago until it applies the new snapshot.
            _metrics.Unmatched.Count(GatewayError.RouteNotFound.Status);
            facts?.Reject(GatewayStage.Routing, GatewayError.RouteNotFound);
            return GatewayProblem.WriteAsync(context, GatewayError.RouteNotFound);
        }

        var start = Stopwatch.GetTimestamp();
        if (facts is not null)
        {
            facts.Route = route;
        }

        if (route.Status == ApiStatus.Inactive)
        {
            return Reject(context, facts, route, GatewayError.ApiInactive, GatewayStage.Api, start);
        }

        if (!route.AllowsMethod(context.Request.Method))
        {
            context.Response.Headers.Allow = route.AllowHeader;
            return Reject(context, facts, route, GatewayError.MethodNotAllowed, GatewayStage.Api, start);
        }

        if (route.Operations is { } operations)
        {
            var path = context.Request.Path.Value ?? "";
            var template = operations.Match(path.AsSpan(Math.Min(route.OperationPathOffset, path.Length)));
            if (template is null)
            {
                return Reject(context, facts, route, OperationErrors.NotFound(route.Name, path), GatewayStage.Api, start);
            }

            if (!template.Allows(context.Request.Method))
            {
                context.Response.Headers.Allow = template.AllowHeader;
                return Reject(context, facts, route, GatewayError.MethodNotAllowed, GatewayStage.Api, start);
            }
        }

        return ProcessAsync(context, facts, snapshot, route, start);
    }

    /// <summary>
    /// Plugins before authentication (cors), authentication with the client's limits, the plugins after
    /// authentication, then forwarding and the plugins' forwarded steps. One state machine for the whole request;
    /// the awaited steps usually complete synchronously.
    /// </summary>
    private async Task ProcessAsync(HttpContext context, CallFacts? facts, GatewaySnapshot snapshot, RouteInfo route, long start)
    {
        var plugins = route.Plugins;
        foreach (var plugin in plugins.BeforeAuthentication)
        {
            var verdict = await plugin.OnRequestAsync(context, route, caller: null);
            if (!verdict.IsContinue)
            {
                await StopAsync(context, facts, route, verdict, GatewayStage.PreAuthentication, plugin, start);
                return;
            }
        }

        CallerFeature? caller = null;
        if (route.IsPublic)
        {
            CredentialDispatcher.ClearCallerHeaders(context.Request.Headers);
        }
        else
        {
            var denied = await _credentials.AuthenticateAsync(context, snapshot, route);
            if (denied is not null)
            {
                await Reject(context, facts, route, denied, denied.Stage ?? GatewayStage.Authentication, start);
                return;
            }

            caller = context.Features.Get<CallerFeature>();
        }

        var after = plugins.After(caller?.Client);
        foreach (var plugin in after)
        {
            var verdict = await plugin.OnRequestAsync(context, route, caller);
            if (!verdict.IsContinue)
            {
                await StopAsync(context, facts, route, verdict, GatewayStage.Plugin, plugin, start);
                return;
            }
        }

        if (route.DeprecationHeader is { } deprecation)
        {
            context.Response.Headers["Deprecation"] = deprecation;
        }

        // Priority admission: one atomic step unless the node is saturated, then the client's priority decides. A call
        // the node was too busy to admit spends none of the client's API quota.
        if (!_admission.TryEnter() && !await _admission.WaitAsync(caller?.Client.Priority ?? _admission.DefaultPriority, context.RequestAborted))
        {
            if (caller is not null)
            {
                _quota.Refund(caller.Client);
            }

            _admission.AddRetryAfter(context.Response);
            await Reject(context, facts, route, TrafficErrors.GatewayBusy, GatewayStage.Admission, start);
            return;
        }

        try
        {
            var forwardStart = Stopwatch.GetTimestamp();
            await _next(context);
            if (facts is not null)
            {
                facts.BackendTicks = Stopwatch.GetTimestamp() - forwardStart;
            }

            if (context.GetForwarderErrorFeature() is { } failure && ErrorFor(failure.Error, route.NoDestinationError) is { } error)
            {
                facts?.Reject(GatewayStage.Backend, error);
                await GatewayProblem.WriteAsync(context, error);
                return;
            }

            if (facts is not null)
            {
                facts.BackendStatus = context.Response.StatusCode;
            }

            foreach (var plugin in after)
            {
                if (plugin.HasForwardedStep)
                {
                    await plugin.OnForwardedAsync(context, route);
                }
            }
        }
        finally
        {
            _admission.Exit();
            route.Meters.Record(context.Response.StatusCode, start);
        }
    }

    private static Task StopAsync(HttpContext context, CallFacts? facts, RouteInfo route, PluginVerdict verdict, GatewayStage stage, GatewayPlugin plugin, long start)
    {
        if (verdict.Error is { } error)
        {
            return Reject(context, facts, route, error, stage, start, plugin.Type);
        }

        facts?.Answer(stage, plugin.Type);
        route.Meters.Record(context.Response.StatusCode, start);
        return Task.CompletedTask;
    }

    private static Task Reject(HttpContext context, CallFacts? facts, RouteInfo route, GatewayError error, GatewayStage stage, long start, PluginType? plugin = null)
    {
        facts?.Reject(stage, error, plugin);
        var write = GatewayProblem.WriteAsync(context, error);
        route.Meters.Record(error.Status, start);
        return write;
    }

    /// <summary>
    /// The problem to answer for a forwarding error, or null when the client went away (nothing to answer).
    /// <paramref name="noDestination"/> is the route's answer when no destination is available (its backend's kind).
    /// </summary>
    internal static GatewayError? ErrorFor(ForwarderError error, GatewayError? noDestination = null) => error switch
    {
        ForwarderError.RequestTimedOut => GatewayError.GatewayTimeout,
        ForwarderError.NoAvailableDestinations => noDestination ?? GatewayError.BackendUnavailable,
        ForwarderError.RequestBodyClient => GatewayError.BadRequest,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient => null,
        _ => GatewayError.BadGateway,
    };
}
