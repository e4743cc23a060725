namespace ApiManager.Gateway.Hosting;

/// <summary>Set on every Kestrel connection: which listener accepted it.</summary>
public interface IListenerFeature
{
    /// <summary>The accepting listener.</summary>
    ListenerKind Listener { get; }
}

internal sealed class ListenerFeature(ListenerKind listener) : IListenerFeature
{
    public static readonly ListenerFeature Console = new(ListenerKind.Console);
    public static readonly ListenerFeature Gateway = new(ListenerKind.Gateway);

    public ListenerKind Listener { get; } = listener;
}
