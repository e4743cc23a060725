using System.Net.Http;
using System.Net.Sockets;
using ApiManager.Gateway.Forwarding;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Tests.Forwarding;

/// <summary>The retry table: method × failure kind × retries left × body replayable, and how YARP's errors are classified.</summary>
public sealed class RetryDecisionTests
{
    public static TheoryData<string, string, int, bool, bool> Table => new()
    {
        // Nothing sent yet: any method, replayable body or not.
        { nameof(FailureKind.ConnectError), "GET", 1, true, true },
        { nameof(FailureKind.ConnectError), "POST", 1, false, true },
        { nameof(FailureKind.ConnectError), "PATCH", 5, true, true },
        { nameof(FailureKind.ConnectTimeout), "POST", 1, false, true },
        { nameof(FailureKind.ConnectTimeout), "GET", 3, true, true },

        // Sent: idempotent methods with a replayable body only.
        { nameof(FailureKind.TransportError), "GET", 1, true, true },
        { nameof(FailureKind.TransportError), "HEAD", 1, true, true },
        { nameof(FailureKind.TransportError), "OPTIONS", 1, true, true },
        { nameof(FailureKind.TransportError), "TRACE", 1, true, true },
        { nameof(FailureKind.TransportError), "PUT", 1, true, true },
        { nameof(FailureKind.TransportError), "DELETE", 1, true, true },
        { nameof(FailureKind.TransportError), "POST", 1, true, false },
        { nameof(FailureKind.TransportError), "PATCH", 1, true, false },
        { nameof(FailureKind.TransportError), "PUT", 1, false, false },
        { nameof(FailureKind.ReadTimeout), "GET", 1, true, true },
        { nameof(FailureKind.ReadTimeout), "POST", 1, true, false },
        { nameof(FailureKind.ReadTimeout), "DELETE", 2, false, false },
        { nameof(FailureKind.WriteTimeout), "PUT", 1, true, true },
        { nameof(FailureKind.WriteTimeout), "POST", 1, true, false },
        { nameof(FailureKind.WriteTimeout), "PUT", 1, false, false },

        // No retries left.
        { nameof(FailureKind.ConnectError), "GET", 0, true, false },
        { nameof(FailureKind.ConnectTimeout), "GET", -1, true, false },
        { nameof(FailureKind.TransportError), "GET", 0, true, false },

        // Never retried.
        { nameof(FailureKind.ClientAborted), "GET", 5, true, false },
        { nameof(FailureKind.NotRetryable), "GET", 5, true, false },
        { nameof(FailureKind.None), "GET", 5, true, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ShouldRetry_Table_MatchesRules(string kind, string method, int retriesLeft, bool bodyReplayable, bool expected)
    {
        // Arrange: the row.

        // Act
        var retry = RetryDecision.ShouldRetry(Enum.Parse<FailureKind>(kind), method, retriesLeft, bodyReplayable);

        // Assert
        Assert.Equal(expected, retry);
    }

    [Theory]
    [InlineData("get", true)]
    [InlineData("Put", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    [InlineData("CONNECT", false)]
    [InlineData("", false)]
    public void IsIdempotent_Method_Rfc9110(string method, bool expected)
    {
        // Arrange: the method.

        // Act
        var idempotent = RetryDecision.IsIdempotent(method);

        // Assert
        Assert.Equal(expected, idempotent);
    }

    public static TheoryData<ForwarderError, Exception?, bool, string> Failures => new()
    {
        { ForwarderError.None, null, false, nameof(FailureKind.None) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), false, nameof(FailureKind.ConnectError) },
        { ForwarderError.Request, new HttpRequestException("wrapped", new SocketException((int)SocketError.ConnectionRefused)), false, nameof(FailureKind.ConnectError) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), false, nameof(FailureKind.ConnectError) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), false, nameof(FailureKind.TransportError) },
        { ForwarderError.Request, new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), false, nameof(FailureKind.TransportError) },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("connect", new TimeoutException("ConnectTimeout")), false, nameof(FailureKind.ConnectTimeout) },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("activity"), false, nameof(FailureKind.ReadTimeout) },
        { ForwarderError.RequestBodyDestination, new AggregateException(new IOException("write", new WriteTimeoutException()), new HttpRequestException("send")), false, nameof(FailureKind.WriteTimeout) },
        { ForwarderError.RequestBodyDestination, new AggregateException(new IOException("broken pipe")), false, nameof(FailureKind.TransportError) },
        { ForwarderError.ResponseHeaders, new InvalidOperationException("bad header"), false, nameof(FailureKind.NotRetryable) },
        { ForwarderError.RequestCanceled, new OperationCanceledException(), false, nameof(FailureKind.ClientAborted) },
        { ForwarderError.RequestBodyClient, new IOException("client body"), false, nameof(FailureKind.ClientAborted) },
        { ForwarderError.RequestBodyCanceled, new OperationCanceledException(), false, nameof(FailureKind.ClientAborted) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "refused"), true, nameof(FailureKind.ClientAborted) },
        { ForwarderError.NoAvailableDestinations, null, false, nameof(FailureKind.NotRetryable) },
        { ForwarderError.RequestCreation, new InvalidOperationException(), false, nameof(FailureKind.NotRetryable) },
        { ForwarderError.ResponseBodyDestination, new IOException(), false, nameof(FailureKind.NotRetryable) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_ForwarderErrorAndException_Kind(ForwarderError error, Exception? exception, bool clientAborted, string expected)
    {
        // Arrange: the row.

        // Act
        var kind = RetryDecision.Classify(error, exception, clientAborted);

        // Assert
        Assert.Equal(expected, kind.ToString());
    }
}
