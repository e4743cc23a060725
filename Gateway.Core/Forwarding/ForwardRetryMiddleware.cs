using System.Globalization;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Forwarding;

/// <summary>
/// Proxy-pipeline step after the API policy (and diversion) steps: calls the rest of the pipeline (affinity, balancing,
/// passive health, forwarder) once per attempt and retries a failed attempt as <see cref="RetryDecision"/> allows, up
/// to the backend's <c>Retries</c>. Each retry goes to a destination not tried yet (all of them again once every one
/// was tried; a single-destination backend retries its one destination). A request body is buffered up to
/// <see cref="ForwardingOptions.MaxRetryBodyBytes"/> so it can be sent again. Records the destination finally used and
/// the retries made in the request's <see cref="CallFacts"/>. A request whose first attempt succeeds costs one feature
/// lookup more than without this step.
/// </summary>
internal sealed class ForwardRetryMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ForwardRetryMetrics _metrics;
    private readonly long _maxBodyBytes;

    public ForwardRetryMiddleware(RequestDelegate next, IOptions<ForwardingOptions> options, ForwardRetryMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _next = next;
        _metrics = metrics;
        _maxBodyBytes = Math.Max(0, options.Value.MaxRetryBodyBytes);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var request = context.Request;
        var retries = -1;
        var bodyReplayable = true;
        KeyValuePair<string, StringValues>[]? headers = null;
        if (HasBody(context))
        {
            retries = RetriesOf(proxy.Cluster);
            bodyReplayable = retries > 0 && TryBuffer(request);
            if (bodyReplayable && context.Response.Headers.Count > 0)
            {
                // YARP clears the response after a request body failure: keep the headers earlier steps set.
                headers = [.. context.Response.Headers];
            }
        }

        var candidates = proxy.AvailableDestinations;
        var attempt = 0;
        List<DestinationState>? tried = null;
        while (true)
        {
            await _next(context);
            var failure = context.GetForwarderErrorFeature();
            if (failure is null || context.Response.HasStarted)
            {
                break;
            }

            if (retries < 0)
            {
                retries = RetriesOf(proxy.Cluster);
            }

            var kind = RetryDecision.Classify(failure.Error, failure.Exception, context.RequestAborted.IsCancellationRequested);
            if (!RetryDecision.ShouldRetry(kind, request.Method, retries - attempt, bodyReplayable))
            {
                if (kind == FailureKind.WriteTimeout && failure.Error != ForwarderError.RequestTimedOut)
                {
                    context.Features.Set<IForwarderErrorFeature>(new WriteTimeoutErrorFeature(failure.Exception));
                    context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                }

                break;
            }

            attempt++;
            _metrics.Retried(kind);
            tried ??= new List<DestinationState>(candidates.Count);
            if (proxy.ProxiedDestination is { } destination && !tried.Contains(destination))
            {
                tried.Add(destination);
            }

            proxy.AvailableDestinations = NotTried(candidates, tried);
            Reset(context, headers);
        }

        if (CallFacts.Of(context) is { } facts)
        {
            facts.Retries = attempt;
            // A diverted call records the diversion rule's URL, so the log shows where the caller was sent.
            facts.Target = facts.DivertedTo ?? TargetOf(proxy.ProxiedDestination);
        }
    }

    /// <summary>What the call log records as the target: the upstream target (destination id) or the backend's address.</summary>
    internal static string? TargetOf(DestinationState? destination) =>
        destination is null ? null
        : destination.DestinationId == SnapshotBuilder.DestinationId ? destination.Model.Config.Address
        : destination.DestinationId;

    /// <summary>The backend's retries (cluster metadata); <see cref="Backends.Backend.DefaultRetries"/> when absent.</summary>
    internal static int RetriesOf(ClusterModel? cluster) =>
        cluster?.Config.Metadata is { } metadata
        && metadata.TryGetValue(GatewayMetadataKeys.Retries, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var retries)
            ? retries
            : Backends.Backend.DefaultRetries;

    /// <summary>The candidates not tried yet; all of them again once each was tried.</summary>
    private static IReadOnlyList<DestinationState> NotTried(IReadOnlyList<DestinationState> candidates, List<DestinationState> tried)
    {
        var remaining = new List<DestinationState>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!tried.Contains(candidate))
            {
                remaining.Add(candidate);
            }
        }

        if (remaining.Count > 0)
        {
            return remaining;
        }

        tried.Clear();
        return candidates;
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    /// <summary>Makes the body re-readable when it is small enough; false when it must be streamed once.</summary>
    private bool TryBuffer(HttpRequest request)
    {
        if (request.Body.CanSeek)
        {
            return true;
        }

        // A body of unknown length (chunked) may be any size: stream it, retried only when nothing was sent.
        if (request.ContentLength is not { } length || length > _maxBodyBytes)
        {
            return false;
        }

        request.EnableBuffering((int)Math.Min(_maxBodyBytes, int.MaxValue), _maxBodyBytes);
        return true;
    }

    /// <summary>Undoes the failed attempt: no error, status 200, the headers set before forwarding, the body rewound.</summary>
    private static void Reset(HttpContext context, KeyValuePair<string, StringValues>[]? headers)
    {
        context.Features.Set<IForwarderErrorFeature>(null);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = null;
        }

        if (headers is not null)
        {
            response.Headers.Clear();
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        var body = context.Request.Body;
        if (body.CanSeek)
        {
            body.Position = 0;
        }
    }
}
