using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Forwarding;

/// <summary>
/// Whether a failed forwarding attempt is tried again (Kong's and nginx's <c>proxy_next_upstream</c> defaults): a
/// failure before anything was sent is retried for any method; a failure after the request (or part of its body) was
/// sent only for idempotent methods whose body can be sent again. HTTP status codes are answers, never failures, and a
/// caller that went away is never retried for. Pure functions, so the table is unit-tested as is.
/// </summary>
internal static class RetryDecision
{
    /// <summary>True when another attempt should be made.</summary>
    /// <param name="kind">What went wrong (<see cref="Classify"/>).</param>
    /// <param name="method">The request method.</param>
    /// <param name="retriesLeft">Retries the backend still allows for this request.</param>
    /// <param name="bodyReplayable">The request has no body, or its body is buffered and can be sent again.</param>
    public static bool ShouldRetry(FailureKind kind, string method, int retriesLeft, bool bodyReplayable)
    {
        if (retriesLeft <= 0)
        {
            return false;
        }

        return kind switch
        {
            FailureKind.ConnectError or FailureKind.ConnectTimeout => true,
            FailureKind.ReadTimeout or FailureKind.WriteTimeout or FailureKind.TransportError => bodyReplayable && IsIdempotent(method),
            _ => false,
        };
    }

    /// <summary>GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110 §9.2.2).</summary>
    public static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsTrace(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    /// <summary>
    /// The kind of failure YARP reported as <paramref name="error"/> with <paramref name="exception"/>.
    /// <paramref name="clientAborted"/> is the caller's <c>RequestAborted</c> state.
    /// </summary>
    public static FailureKind Classify(ForwarderError error, Exception? exception, bool clientAborted)
    {
        if (error == ForwarderError.None)
        {
            return FailureKind.None;
        }

        if (clientAborted)
        {
            return FailureKind.ClientAborted;
        }

        switch (error)
        {
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
                or ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyCanceled:
                return FailureKind.ClientAborted;
            case ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination or ForwarderError.ResponseHeaders:
                break;
            default:
                return FailureKind.NotRetryable;
        }

        if (Find<WriteTimeoutException>(exception) is not null)
        {
            return FailureKind.WriteTimeout;
        }

        if (error == ForwarderError.RequestTimedOut)
        {
            // SocketsHttpHandler reports its ConnectTimeout as a cancellation wrapping a TimeoutException; YARP's
            // activity (read) timeout is a plain cancellation.
            return Find<TimeoutException>(exception) is not null ? FailureKind.ConnectTimeout : FailureKind.ReadTimeout;
        }

        if (error == ForwarderError.Request && IsConnectFailure(exception))
        {
            return FailureKind.ConnectError;
        }

        return error == ForwarderError.ResponseHeaders ? FailureKind.NotRetryable : FailureKind.TransportError;
    }

    private static bool IsConnectFailure(Exception? exception)
    {
        if (Find<HttpRequestException>(exception) is { } http
            && http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return true;
        }

        return Find<SocketException>(exception) is { } socket
            && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                or SocketError.HostNotFound or SocketError.TryAgain;
    }

    /// <summary>The first <typeparamref name="T"/> in <paramref name="exception"/>'s inner exceptions (aggregates included).</summary>
    internal static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case T match:
                    return match;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        if (Find<T>(inner) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    exception = exception.InnerException;
                    break;
            }
        }

        return null;
    }
}
