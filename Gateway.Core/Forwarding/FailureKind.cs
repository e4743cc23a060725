namespace ApiManager.Gateway.Forwarding;

/// <summary>What went wrong in one forwarding attempt, as far as retrying is concerned.</summary>
internal enum FailureKind
{
    /// <summary>The attempt did not fail.</summary>
    None = 0,

    /// <summary>The connection could not be established (refused, unreachable, name not resolved): nothing was sent.</summary>
    ConnectError = 1,

    /// <summary>The connect timeout expired: nothing was sent.</summary>
    ConnectTimeout = 2,

    /// <summary>The request was sent but the response headers did not come within the read timeout.</summary>
    ReadTimeout = 3,

    /// <summary>The backend stopped taking the request (or its body) for longer than the write timeout.</summary>
    WriteTimeout = 4,

    /// <summary>The connection failed after the request, or part of its body, was sent (reset, closed, bad response).</summary>
    TransportError = 5,

    /// <summary>The caller went away or its body could not be read: nothing to retry for.</summary>
    ClientAborted = 6,

    /// <summary>Any other failure (no destination, request creation, response body): never retried.</summary>
    NotRetryable = 7,
}
