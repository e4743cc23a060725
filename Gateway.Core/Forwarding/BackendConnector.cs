using System.Net.Http;
using System.Net.Sockets;

namespace ApiManager.Gateway.Forwarding;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of a backend: opens the TCP connection as the handler would
/// (dual-mode socket, no Nagle) and wraps it in a <see cref="WriteTimeoutStream"/> carrying the backend's write timeout.
/// The handler's <c>ConnectTimeout</c> still bounds the connect (it cancels the token given here).
/// </summary>
internal sealed class BackendConnector(TimeSpan writeTimeout, TimeProvider time)
{
    public TimeSpan WriteTimeout { get; } = writeTimeout;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new WriteTimeoutStream(new NetworkStream(socket, ownsSocket: true), WriteTimeout, time);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
