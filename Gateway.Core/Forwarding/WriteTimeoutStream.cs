namespace ApiManager.Gateway.Forwarding;

/// <summary>
/// A backend connection stream whose writes fail with <see cref="WriteTimeoutException"/> when one write does not
/// complete within the write timeout (the backend stopped reading). A write that completes at once (the usual case:
/// the socket buffer has room) costs nothing extra; only a pending write waits with a timer. On timeout the connection
/// is closed, so the pending write ends and the connection is never reused.
/// </summary>
internal sealed class WriteTimeoutStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public WriteTimeoutStream(Stream inner, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(time);
        _inner = inner;
        _timeout = timeout;
        _time = time;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanWrite => _inner.CanWrite;

    public override bool CanSeek => false;

    public override bool CanTimeout => _inner.CanTimeout;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var write = _inner.WriteAsync(buffer, cancellationToken);
        return write.IsCompletedSuccessfully ? default : WaitAsync(write.AsTask(), cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Synchronous writes are not used by SocketsHttpHandler; keep them bounded all the same.
        var copy = buffer.ToArray();
        WriteAsync(copy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _inner.Read(buffer);

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask WaitAsync(Task write, CancellationToken cancellationToken)
    {
        try
        {
            await write.WaitAsync(_timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Closing the socket ends the pending write; observe its failure so it is not reported as unobserved.
            _inner.Dispose();
            _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new WriteTimeoutException(_timeout);
        }
    }
}
