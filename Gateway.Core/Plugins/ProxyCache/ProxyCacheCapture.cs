namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>
/// The response body stream of a cache miss: passes every write on to the client and, when the response turns out to
/// be cacheable (decided at the first write, once status and headers are known), keeps a copy up to the size limit.
/// </summary>
internal sealed class ProxyCacheCapture : Stream
{
    private readonly Microsoft.AspNetCore.Http.HttpResponse _response;
    private readonly int _maxBytes;
    private MemoryStream? _copy;
    private State _state;

    public ProxyCacheCapture(Stream inner, ProxyCachePlugin owner, ProxyCacheKey key, string[] gatewayHeaders, Microsoft.AspNetCore.Http.HttpResponse response, int maxBytes)
    {
        Inner = inner;
        Owner = owner;
        Key = key;
        GatewayHeaders = gatewayHeaders;
        _response = response;
        _maxBytes = maxBytes;
    }

    private enum State
    {
        Undecided,
        Copying,
        PassThrough,
    }

    /// <summary>The response body stream this one replaced.</summary>
    public Stream Inner { get; }

    /// <summary>The plugin that installed the capture.</summary>
    public ProxyCachePlugin Owner { get; }

    public ProxyCacheKey Key { get; }

    /// <summary>Response headers the gateway had set before forwarding (not the backend's, so never stored).</summary>
    public string[] GatewayHeaders { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The copied body, or null when the response was not cacheable or too large.</summary>
    public byte[]? TakeBody()
    {
        if (_state == State.PassThrough)
        {
            return null;
        }

        if (_state == State.Undecided && !Owner.IsCacheable(_response, out _))
        {
            return null;
        }

        return _copy?.ToArray() ?? [];
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Copy(buffer);
        Inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return Inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => Inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Copy(ReadOnlySpan<byte> data)
    {
        if (_state == State.Undecided)
        {
            _state = Owner.IsCacheable(_response, out _) ? State.Copying : State.PassThrough;
        }

        if (_state != State.Copying || data.IsEmpty)
        {
            return;
        }

        _copy ??= new MemoryStream();
        if (_copy.Length + data.Length > _maxBytes)
        {
            _state = State.PassThrough;
            _copy = null;
            return;
        }

        _copy.Write(data);
    }
}
