namespace ApiManager.Gateway.CallLog;

/// <summary>Tells readers (the live API Logs page) that new rows were written, without querying the database.</summary>
internal sealed class CallLogSignal
{
    private long _version;

    /// <summary>Grows each time the writer commits a batch.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Written() => Interlocked.Increment(ref _version);
}
