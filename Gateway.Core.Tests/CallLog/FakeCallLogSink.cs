using ApiManager.Gateway.CallLog;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>A sink that records batches, can fail a set number of times, and can block until released.</summary>
internal sealed class FakeCallLogSink : ICallLogSink, IDisposable
{
    private readonly ManualResetEventSlim _gate;
    private int _failuresLeft;

    public FakeCallLogSink(int failures = 0, bool blocked = false)
    {
        _failuresLeft = failures;
        _gate = new ManualResetEventSlim(!blocked);
    }

    public List<int> Batches { get; } = [];

    public List<CallRecord> Rows { get; } = [];

    public int Attempts { get; private set; }

    public void Release() => _gate.Set();

    public void Dispose() => _gate.Dispose();

    public void Write(IReadOnlyList<CallRecord> batch)
    {
        _gate.Wait(TimeSpan.FromSeconds(30));
        lock (Rows)
        {
            Attempts++;
            if (_failuresLeft != 0)
            {
                _failuresLeft--;
                throw new InvalidOperationException("The database is unavailable.");
            }

            Batches.Add(batch.Count);
            Rows.AddRange(batch);
        }
    }
}
