using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>
/// Runtime state of signed keys. Secrets are decrypted once, when a snapshot is activated (not per request). Remaining
/// uses live in memory (one atomic counter per key, exact under concurrency); every change queues the key on a bounded
/// channel that <see cref="SignedKeyUsageWriter"/> flushes to the database. A new snapshot keeps the lower of the
/// in-memory and stored counts (a rebuild never hands back uses), unless the quota was set anew (extension).
/// </summary>
internal sealed partial class SignedKeyRuntime(SecretProtector protector, ILogger<SignedKeyRuntime> logger) : ISnapshotObserver
{
    /// <summary>Keys waiting to be flushed at most (one entry per key, however many calls).</summary>
    public const int QueueCapacity = 4096;

    private readonly ConcurrentDictionary<long, SignedKeySecret?> _secrets = new();
    private readonly ConcurrentDictionary<long, UsageState> _usage = new();
    private readonly Channel<long> _flushes = Channel.CreateBounded<long>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Ids of keys whose remaining uses changed since their last flush.</summary>
    public ChannelReader<long> Flushes => _flushes.Reader;

    public void Activated(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var catalog = snapshot.SignedKeys;
        foreach (var entry in catalog.ById.Values)
        {
            SecretOf(entry);
        }

        foreach (var id in _secrets.Keys)
        {
            if (!catalog.ById.ContainsKey(id))
            {
                _secrets.TryRemove(id, out _);
            }
        }

        Synchronize(catalog);
    }

    /// <summary>The decrypted secret of <paramref name="entry"/>, or null when it cannot be decrypted (logged once).</summary>
    public SignedKeySecret? SecretOf(SignedKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_secrets.TryGetValue(entry.Id, out var cached) && (cached is null || cached.ProtectedSecret == entry.ProtectedSecret))
        {
            return cached;
        }

        SignedKeySecret? secret;
        try
        {
            var secretKey = protector.Unprotect(entry.ProtectedSecret);
            secret = new SignedKeySecret(entry.ProtectedSecret, Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(entry.ApiKey + secretKey));
        }
        catch (CryptographicException ex)
        {
            Log.DecryptFailed(logger, ex, entry.Id);
            secret = null;
        }

        _secrets[entry.Id] = secret;
        return secret;
    }

    /// <summary>Calls left for the key now (−1 = unlimited).</summary>
    public long RemainingOf(SignedKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsUnlimited)
        {
            return SignedApiKey.Unlimited;
        }

        return _usage.TryGetValue(entry.Id, out var state) ? Volatile.Read(ref state.Remaining) : entry.RemainingUses;
    }

    /// <summary>Counts one call atomically; answers <see cref="SignedKeyErrors.UsedUp"/> when none is left.</summary>
    public GatewayError? Consume(SignedKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsUnlimited)
        {
            return null;
        }

        var state = _usage.GetOrAdd(entry.Id, static (_, e) => new UsageState(e.RemainingUses, e.QuotaSetAt), entry);
        while (true)
        {
            var remaining = Volatile.Read(ref state.Remaining);
            if (remaining <= 0)
            {
                return SignedKeyErrors.UsedUp;
            }

            if (Interlocked.CompareExchange(ref state.Remaining, remaining - 1, remaining) == remaining)
            {
                break;
            }
        }

        if (Interlocked.Exchange(ref state.Pending, 1) == 0 && !_flushes.Writer.TryWrite(entry.Id))
        {
            // Queue full: the next call of this key queues it again.
            Volatile.Write(ref state.Pending, 0);
        }

        return null;
    }

    /// <summary>
    /// Takes a queued key for flushing: its current remaining uses and the quota they belong to. False when the key is
    /// no longer counted (deleted, made unlimited).
    /// </summary>
    public bool TakeFlush(long id, out long remaining, out DateTime quotaSetAt)
    {
        if (!_usage.TryGetValue(id, out var state))
        {
            remaining = 0;
            quotaSetAt = default;
            return false;
        }

        // Cleared before the read: a call counted after the read queues the key again.
        Volatile.Write(ref state.Pending, 0);
        remaining = Volatile.Read(ref state.Remaining);
        quotaSetAt = state.QuotaSetAt;
        return true;
    }

    /// <summary>Aligns the counters with a new snapshot (public for tests).</summary>
    internal void Synchronize(SignedKeyCatalog catalog)
    {
        foreach (var (id, state) in _usage)
        {
            if (!catalog.ById.TryGetValue(id, out var entry) || entry.IsUnlimited)
            {
                _usage.TryRemove(id, out _);
                continue;
            }

            if (entry.QuotaSetAt != state.QuotaSetAt)
            {
                // The quota was set anew (extension): the stored count is the new starting point.
                _usage.TryUpdate(id, new UsageState(entry.RemainingUses, entry.QuotaSetAt), state);
                continue;
            }

            // Keep the lower: the database may lag behind memory (flush pending) but never hands uses back.
            while (true)
            {
                var remaining = Volatile.Read(ref state.Remaining);
                if (entry.RemainingUses >= remaining || Interlocked.CompareExchange(ref state.Remaining, entry.RemainingUses, remaining) == remaining)
                {
                    break;
                }
            }
        }
    }

    private sealed class UsageState(long remaining, DateTime quotaSetAt)
    {
        public long Remaining = remaining;
        public int Pending;

        public DateTime QuotaSetAt { get; } = quotaSetAt;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "The secret of signed API key {KeyId} cannot be decrypted (Data Protection key ring lost?); calls with it are refused.")]
        public static partial void DecryptFailed(ILogger logger, Exception exception, long keyId);
    }
}
