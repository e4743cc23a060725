using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Forwarding;

/// <summary>
/// Replaces YARP's error of a final attempt that failed on the write timeout (YARP sees a request body error): it is a
/// timeout, answered 504 like the read timeout.
/// </summary>
internal sealed class WriteTimeoutErrorFeature(Exception? exception) : IForwarderErrorFeature
{
    public ForwarderError Error => ForwarderError.RequestTimedOut;

    public Exception? Exception { get; } = exception;
}
