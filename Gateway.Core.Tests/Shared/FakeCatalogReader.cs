using ApiManager.Gateway.Runtime;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>A catalog reader whose rows, version and failures the test controls.</summary>
internal sealed class FakeCatalogReader : ICatalogReader
{
    private int _reads;

    public FakeCatalogReader(CatalogRows rows)
    {
        Rows = rows;
    }

    /// <summary>What the next read returns.</summary>
    public CatalogRows Rows { get; set; }

    /// <summary>When set, reads throw it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Full reads so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<CatalogRows> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Failure is { } failure ? Task.FromException<CatalogRows>(failure) : Task.FromResult(Rows);
    }

    public Task<long> ReadVersionAsync(CancellationToken cancellationToken) =>
        Failure is { } failure ? Task.FromException<long>(failure) : Task.FromResult(Rows.Version);
}
