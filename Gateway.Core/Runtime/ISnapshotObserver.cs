namespace ApiManager.Gateway.Runtime;

/// <summary>Told each time a new <see cref="GatewaySnapshot"/> starts serving (runtime state that follows the catalog).</summary>
internal interface ISnapshotObserver
{
    void Activated(GatewaySnapshot snapshot);
}
