using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ApiManager.Gateway.Tests.Forwarding;

/// <summary>What <see cref="RawBackend"/> does with one connection.</summary>
internal enum RawBehavior
{
    /// <summary>Reads the request (headers and body), then resets the connection without answering.</summary>
    ResetAfterRequest,

    /// <summary>Reads the request head only, then resets the connection while the body is still coming.</summary>
    ResetAfterHead,

    /// <summary>Reads the request and answers 200 with the SHA-256 (hex) of the body it received.</summary>
    AnswerBodyHash,

    /// <summary>Accepts the connection and never reads from it.</summary>
    NeverRead,
}

/// <summary>
/// A TCP backend on 127.0.0.1 and a free port, speaking just enough HTTP/1.1 to misbehave on purpose: the behaviour of
/// each accepted connection (numbered from 0) is chosen by a function.
/// </summary>
internal sealed class RawBackend : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<int, RawBehavior> _behavior;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;
    private int _connections;

    private RawBackend(Func<int, RawBehavior> behavior)
    {
        _behavior = behavior;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        // Small receive buffers, so a backend that never reads pushes back on the sender quickly.
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static RawBackend Start(Func<int, RawBehavior> behavior) => new(behavior);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _connections) - 1;
            lock (_held)
            {
                _held.Add(socket);
            }

            _ = HandleAsync(socket, _behavior(index));
        }
    }

    private async Task HandleAsync(Socket socket, RawBehavior behavior)
    {
        try
        {
            if (behavior == RawBehavior.NeverRead)
            {
                return;
            }

            var body = await ReadRequestAsync(socket, headOnly: behavior == RawBehavior.ResetAfterHead, _stop.Token);
            if (behavior is RawBehavior.ResetAfterRequest or RawBehavior.ResetAfterHead)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }

            var hash = Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(body)));
            var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                + hash.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");
            await socket.SendAsync(head, _stop.Token);
            await socket.SendAsync(hash, _stop.Token);
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads the request head and (unless <paramref name="headOnly"/>) a <c>Content-Length</c> body; returns the body.</summary>
    private static async Task<byte[]> ReadRequestAsync(Socket socket, bool headOnly, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var headEnd = -1;
        while (headEnd < 0)
        {
            var read = await socket.ReceiveAsync(buffer, ct);
            if (read == 0)
            {
                throw new IOException("Connection closed before the request head ended.");
            }

            received.Write(buffer, 0, read);
            headEnd = IndexOfHeadEnd(received.GetBuffer().AsSpan(0, (int)received.Length));
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var length = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var bodyStart = headEnd + 4;
        if (headOnly)
        {
            return [];
        }

        while (received.Length - bodyStart < length)
        {
            var read = await socket.ReceiveAsync(buffer, ct);
            if (read == 0)
            {
                throw new IOException("Connection closed before the request body ended.");
            }

            received.Write(buffer, 0, read);
        }

        return received.GetBuffer().AsSpan(bodyStart, length).ToArray();
    }

    private static int IndexOfHeadEnd(ReadOnlySpan<byte> data) => data.IndexOf("\r\n\r\n"u8);
}
