using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// Every unexpired token the gateway knows, by jti: fed by the token endpoint in this process and by the database on
/// start and after each snapshot rebuild (revocations and use counts from other nodes or the console). Use counts are
/// queued for <see cref="TokenUseWriter"/>; the request path never touches the database.
/// </summary>
internal sealed class TokenRegistry
{
    /// <summary>Bound of the flush queue (one entry per token with unsaved uses).</summary>
    public const int QueueCapacity = 8192;

    private readonly ConcurrentDictionary<string, TokenEntry> _entries = new(StringComparer.Ordinal);
    private readonly Channel<TokenEntry> _flush = Channel.CreateBounded<TokenEntry>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public int Count => _entries.Count;

    /// <summary>Entries whose use count changed since they were last written.</summary>
    public ChannelReader<TokenEntry> PendingFlushes => _flush.Reader;

    public bool TryGet(string jti, out TokenEntry entry) => _entries.TryGetValue(jti, out entry!);

    public void Add(TokenEntry entry) => _entries[entry.Jti] = entry;

    /// <summary>Counts one use of <paramref name="entry"/>; false when its quota is used up.</summary>
    public bool Consume(TokenEntry entry)
    {
        if (!entry.TryConsume())
        {
            return false;
        }

        QueueFlush(entry);
        return true;
    }

    /// <summary>Queues <paramref name="entry"/>'s count for the writer (at most once until it is written).</summary>
    public void QueueFlush(TokenEntry entry)
    {
        if (entry.MarkPendingFlush() && !_flush.Writer.TryWrite(entry))
        {
            // Queue full: let a later use queue it again.
            entry.ClearPendingFlush();
        }
    }

    /// <summary>Marks tokens revoked or rotated at once (this node), before the database write reaches other nodes.</summary>
    public void SetStatus(IEnumerable<string> jtis, OAuthTokenStatus status)
    {
        foreach (var jti in jtis)
        {
            if (_entries.TryGetValue(jti, out var entry))
            {
                entry.SetStatus(status);
            }
        }
    }

    /// <summary>
    /// Merges the database's unexpired rows: new rows are added, statuses only move away from active, counts only grow;
    /// entries expired before <paramref name="now"/> are dropped.
    /// </summary>
    public void Merge(IEnumerable<OAuthToken> rows, DateTime now)
    {
        foreach (var row in rows)
        {
            if (_entries.TryGetValue(row.Jti, out var entry))
            {
                entry.SetStatus(row.Status);
                entry.RaiseUses(row.Uses);
            }
            else if (row.ExpiresAt > now)
            {
                _entries.TryAdd(row.Jti, TokenEntry.From(row));
            }
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }
}
