using System.Net;
using System.Net.Sockets;

namespace ApiManager.Gateway.Tests.Forwarding;

/// <summary>
/// A loopback port whose connects never complete: a listener that accepts nothing, with its accept queue filled by
/// idle connections, so Linux drops further SYNs and a client's connect waits until its own timeout.
/// </summary>
internal sealed class BlackholeListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private BlackholeListener(Socket listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public static async Task<BlackholeListener> StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var blackhole = new BlackholeListener(listener);
        for (var i = 0; i < 16; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, blackhole.Port), attempt.Token);
                blackhole._fillers.Add(filler);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The queue is full: this connect hung, as every later one will.
                filler.Dispose();
                return blackhole;
            }
        }

        blackhole.Dispose();
        throw new InvalidOperationException("The listener kept accepting connections; cannot make a port whose connects hang.");
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
