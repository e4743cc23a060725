namespace ApiManager.Gateway.Hosting;

/// <summary>Endpoint metadata: the listeners an endpoint answers on. Endpoints without it answer on the console only.</summary>
public sealed class ListenerMetadata(params ListenerKind[] listeners)
{
    /// <summary>Gateway-only endpoints (proxied APIs, OAuth).</summary>
    public static ListenerMetadata Gateway { get; } = new(ListenerKind.Gateway);

    /// <summary>Console-only endpoints (explicit form of the default).</summary>
    public static ListenerMetadata Console { get; } = new(ListenerKind.Console);

    /// <summary>Endpoints on both listeners (health).</summary>
    public static ListenerMetadata Both { get; } = new(ListenerKind.Console, ListenerKind.Gateway);

    /// <summary>The listeners allowed.</summary>
    public IReadOnlyList<ListenerKind> Listeners { get; } = listeners;

    /// <summary>True when a request from <paramref name="listener"/> may reach the endpoint.</summary>
    public bool Allows(ListenerKind listener) => Listeners.Contains(listener);
}
