namespace ApiManager.Gateway.CallLog;

/// <summary>Where <see cref="CallLogWriter"/> puts each batch (the database; tests substitute slow or failing sinks).</summary>
internal interface ICallLogSink
{
    /// <summary>Stores <paramref name="batch"/> as one unit; throws when it could not (the writer retries once).</summary>
    void Write(IReadOnlyList<CallRecord> batch);
}
