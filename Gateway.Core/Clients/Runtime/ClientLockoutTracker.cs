using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// Per-client failed-password counts held in memory (the request path never waits for the database). Every change is
/// queued on a bounded channel that <see cref="ClientLockoutWriter"/> persists. Once a client's count reaches its
/// threshold it answers "locked" at once, before the snapshot shows the lock.
/// </summary>
internal sealed class ClientLockoutTracker
{
    /// <summary>Pending writes kept at most; when full the oldest count update is dropped (a newer one follows).</summary>
    public const int QueueCapacity = 4096;

    private readonly ConcurrentDictionary<int, State> _states = new();
    private readonly Channel<LockoutUpdate> _queue;

    public ClientLockoutTracker()
    {
        var options = new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true };
        _queue = Channel.CreateBounded<LockoutUpdate>(options, Completed);
    }

    public ChannelReader<LockoutUpdate> Updates => _queue.Reader;

    /// <summary>True when the in-memory count has reached the client's threshold.</summary>
    public bool IsLocked(ClientEntry client) =>
        client.FailedAttemptThreshold > 0 && _states.TryGetValue(client.Id, out var state) && Volatile.Read(ref state.Failures) >= client.FailedAttemptThreshold;

    /// <summary>The in-memory failed-attempt count (the snapshot's count until the first change).</summary>
    public int FailuresOf(ClientEntry client) => _states.TryGetValue(client.Id, out var state) ? Volatile.Read(ref state.Failures) : client.FailedAttempts;

    /// <summary>Counts a wrong password; returns true when this failure locked the client.</summary>
    public bool RecordFailure(ClientEntry client)
    {
        var state = _states.GetOrAdd(client.Id, static (_, c) => new State(c.FailedAttempts), client);
        var failures = Interlocked.Increment(ref state.Failures);
        // ">=": concurrent failures may pass the threshold together; the writer ignores a client that is no longer enabled.
        var locks = client.FailedAttemptThreshold > 0 && failures >= client.FailedAttemptThreshold;
        Enqueue(state, new LockoutUpdate(client.Id, client.ClientId, failures, locks));
        return locks;
    }

    /// <summary>A correct password: resets the count (queues a write only when there was something to reset).</summary>
    public void RecordSuccess(ClientEntry client)
    {
        if (_states.TryGetValue(client.Id, out var state))
        {
            if (Interlocked.Exchange(ref state.Failures, 0) > 0)
            {
                Enqueue(state, new LockoutUpdate(client.Id, client.ClientId, 0, false));
            }
        }
        else if (client.FailedAttempts > 0)
        {
            state = _states.GetOrAdd(client.Id, static _ => new State(0));
            Enqueue(state, new LockoutUpdate(client.Id, client.ClientId, 0, false));
        }
    }

    /// <summary>
    /// A new snapshot is active: a client whose stored count is lower than the in-memory one with no write pending was
    /// reset by an admin (unlock), so its in-memory count follows the database.
    /// </summary>
    public void Synchronize(ClientCatalog catalog)
    {
        foreach (var (id, state) in _states)
        {
            if (Volatile.Read(ref state.Pending) > 0)
            {
                continue;
            }

            if (!catalog.ById.TryGetValue(id, out var entry))
            {
                _states.TryRemove(id, out _);
            }
            else if (entry.FailedAttempts < Volatile.Read(ref state.Failures))
            {
                Interlocked.Exchange(ref state.Failures, entry.FailedAttempts);
            }
        }
    }

    /// <summary>Called by the writer once <paramref name="update"/> is persisted (or given up).</summary>
    public void Completed(LockoutUpdate update)
    {
        if (_states.TryGetValue(update.ClientDbId, out var state))
        {
            Interlocked.Decrement(ref state.Pending);
        }
    }

    private void Enqueue(State state, LockoutUpdate update)
    {
        Interlocked.Increment(ref state.Pending);
        if (!_queue.Writer.TryWrite(update))
        {
            Interlocked.Decrement(ref state.Pending);
        }
    }

    private sealed class State(int failures)
    {
        public int Failures = failures;
        public int Pending;
    }
}
