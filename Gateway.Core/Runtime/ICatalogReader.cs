namespace ApiManager.Gateway.Runtime;

/// <summary>Reads what a snapshot is built from. The database implementation is <see cref="DbCatalogReader"/>.</summary>
internal interface ICatalogReader
{
    /// <summary>Reads the config version, backends and APIs in one consistent read.</summary>
    Task<CatalogRows> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Reads only the current config version (a cheap query, polled to notice other processes' writes).</summary>
    Task<long> ReadVersionAsync(CancellationToken cancellationToken);
}
