using System.Threading.Channels;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// The in-process config signal: a one-slot channel, so any number of notifications arriving while a rebuild is
/// pending collapse into one. The rebuild service reads it and debounces.
/// </summary>
public sealed class ChannelConfigSignal : IGatewayConfigSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Where the rebuild service waits for changes.</summary>
    public ChannelReader<bool> Reader => _channel.Reader;

    /// <inheritdoc />
    public void NotifyChanged() => _channel.Writer.TryWrite(true);
}
