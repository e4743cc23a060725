namespace ApiManager.Gateway.Forwarding;

/// <summary>A write to a backend connection did not complete within the backend's write timeout; the connection is closed.</summary>
internal sealed class WriteTimeoutException : IOException
{
    public WriteTimeoutException()
        : base("The backend did not accept the request data within its write timeout.")
    {
    }

    public WriteTimeoutException(string message)
        : base(message)
    {
    }

    public WriteTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriteTimeoutException(TimeSpan timeout)
        : base($"The backend did not accept the request data within its write timeout ({timeout.TotalMilliseconds:0} ms).")
    {
    }
}
