namespace ApiManager.Gateway.Forwarding;

/// <summary>Section <c>Gateway:Forwarding</c>: how requests are forwarded and retried.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Gateway:Forwarding";

    /// <summary>Default <see cref="MaxRetryBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxRetryBodyBytes = 1024 * 1024;

    /// <summary>
    /// Largest request body (by <c>Content-Length</c>) kept in memory so it can be sent again on a retry after it was
    /// sent once. Larger bodies, and bodies of unknown length, are streamed and retried only when the attempt failed
    /// before anything was sent. 0 buffers nothing.
    /// </summary>
    public long MaxRetryBodyBytes { get; set; } = DefaultMaxRetryBodyBytes;
}
