namespace ApiManager.Gateway.Runtime;

/// <summary>Tells the runtime that the configuration changed; rebuilds are debounced.</summary>
public interface IGatewayConfigSignal
{
    /// <summary>Schedules a snapshot rebuild (coalesced with other changes arriving close together).</summary>
    void NotifyChanged();
}
